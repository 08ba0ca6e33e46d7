//! Stopping the server without dropping a request it was already sent.
//!
//! `axum::serve`'s graceful shutdown alone loses some: it stops accepting at the signal, and closing
//! the listening socket resets every connection still waiting in the kernel's accept queue, requests
//! and all; and it at once tells each open connection to stop, which closes one whose request is in
//! its socket but not yet read (hyper counts it as idle). Either way the client gets a reset after
//! sending. So on the signal this listener first takes every connection already queued and only then
//! closes (from then on a client is refused, which it can tell apart and retry), and the connections are
//! told to stop only after [`GRACE`], by when each has read the request it was sent; the requests
//! being answered finish, for at most [`DRAIN_LIMIT`] in all.
use std::{collections::VecDeque, future::Future, io, net::SocketAddr, time::Duration};

use axum::serve::Listener;
use tokio::{
    net::{TcpListener, TcpStream},
    sync::watch,
};

/// How long connections open at the signal may go on reading before they are told to stop: a request
/// already sent is read within it, even on a loaded server.
pub const GRACE: Duration = Duration::from_secs(1);
/// How long requests are given to finish after the signal before the server stops regardless.
pub const DRAIN_LIMIT: Duration = Duration::from_secs(20);

/// Where shutdown stands, shared by the listener and the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Serving,
    /// The signal came: the listener is to take what is queued and close.
    Stopping,
    /// The listening socket is closed; every connection it had is being served.
    Closed,
}

/// A TCP listener that, once shutdown begins, hands over the connections queued in the kernel and
/// then closes.
pub struct DrainingListener {
    listener: Option<TcpListener>,
    queued: VecDeque<(TcpStream, SocketAddr)>,
    phase: watch::Sender<Phase>,
    stopping: watch::Receiver<Phase>,
}

/// Listens on `listener` until `signal`, for `axum::serve`; the shutdown given back is what its
/// `with_graceful_shutdown` waits for.
pub fn until(listener: TcpListener, signal: impl Future<Output = ()> + Send + 'static) -> (DrainingListener, Shutdown) {
    let (phase, stopping) = watch::channel(Phase::Serving);
    let announcer = phase.clone();
    tokio::spawn(async move {
        signal.await;
        announcer.send_replace(Phase::Stopping);
    });
    let shutdown = Shutdown { phase: phase.subscribe() };
    (DrainingListener { listener: Some(listener), queued: VecDeque::new(), phase, stopping }, shutdown)
}

impl DrainingListener {
    /// Accepts every connection the kernel has queued, then closes the socket.
    fn take_queue_and_close(&mut self) {
        let Some(listener) = self.listener.take() else { return };
        match listener.into_std() {
            Ok(listener) => loop {
                match listener.accept() {
                    Ok((stream, peer)) => match stream.set_nonblocking(true).and_then(|()| TcpStream::from_std(stream))
                    {
                        Ok(stream) => self.queued.push_back((stream, peer)),
                        Err(error) => tracing::warn!(%error, "cannot serve a connection queued at shutdown"),
                    },
                    Err(error) if error.kind() == io::ErrorKind::WouldBlock => break,
                    Err(error) if is_connection_error(&error) => {}
                    Err(error) => {
                        tracing::warn!(%error, "cannot take the connections queued at shutdown");
                        break;
                    }
                }
            },
            Err(error) => tracing::warn!(%error, "cannot take the connections queued at shutdown"),
        }
        tracing::info!(queued = self.queued.len(), "no longer accepting connections");
        self.phase.send_replace(Phase::Closed);
    }
}

impl Listener for DrainingListener {
    type Io = TcpStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (TcpStream, SocketAddr) {
        loop {
            if let Some(connection) = self.queued.pop_front() {
                return connection;
            }
            let Some(listener) = &self.listener else {
                // Closed and handed over: axum stops asking once the shutdown resolves.
                return std::future::pending().await;
            };
            if *self.stopping.borrow_and_update() != Phase::Serving {
                self.take_queue_and_close();
                continue;
            }
            tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok(connection) => return connection,
                    Err(error) if is_connection_error(&error) => {}
                    Err(error) => {
                        // Out of file descriptors and the like: wait for some to be freed.
                        tracing::error!(%error, "accepting a connection failed");
                        tokio::time::sleep(Duration::from_secs(1)).await;
                    }
                },
                _ = self.stopping.changed() => {}
            }
        }
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        match &self.listener {
            Some(listener) => listener.local_addr(),
            None => Err(io::Error::new(io::ErrorKind::NotConnected, "the listener is closed")),
        }
    }
}

/// An error of one connection (the peer gave up before it was accepted), not of the listener.
fn is_connection_error(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ConnectionRefused | io::ErrorKind::ConnectionAborted | io::ErrorKind::ConnectionReset
    )
}

/// The server's side of a [`DrainingListener`]'s shutdown.
pub struct Shutdown {
    phase: watch::Receiver<Phase>,
}

impl Shutdown {
    /// Resolves when the open connections may be told to stop: [`GRACE`] after the listener closed.
    pub async fn connections_may_stop(mut self) {
        if self.phase.wait_for(|phase| *phase == Phase::Closed).await.is_ok() {
            tokio::time::sleep(GRACE).await;
        }
    }

    /// Resolves [`DRAIN_LIMIT`] after the signal: requests still running then are given up.
    pub fn deadline(&self) -> impl Future<Output = ()> + Send + 'static {
        let mut phase = self.phase.clone();
        async move {
            if phase.wait_for(|phase| *phase != Phase::Serving).await.is_ok() {
                tokio::time::sleep(DRAIN_LIMIT).await;
            } else {
                std::future::pending::<()>().await;
            }
        }
    }
}
