//! Organization logos: the sizes the site serves, and the emblems the demo data draws for itself.
use image::{ImageBuffer, ImageFormat, Rgba, RgbaImage, imageops::FilterType};
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

use crate::{
    domain::{organization::LOGO_SIZES, validation::FieldError},
    error::AppError,
};

/// One stored size of a logo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogoImage {
    pub size: u32,
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

/// A logo in every served size, with the version its URLs carry (so they can be cached forever).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Logo {
    pub version: String,
    pub images: Vec<LogoImage>,
}

impl Logo {
    /// Every served size of a square image, as PNG without metadata; the version is a hash of the
    /// largest size.
    pub fn from_square(image: &RgbaImage) -> Result<Logo, image::ImageError> {
        let mut images = Vec::with_capacity(LOGO_SIZES.len());
        for size in LOGO_SIZES {
            let resized = image::imageops::resize(image, size, size, FilterType::Lanczos3);
            let mut bytes = Vec::new();
            resized.write_to(&mut std::io::Cursor::new(&mut bytes), ImageFormat::Png)?;
            images.push(LogoImage { size, content_type: "image/png", bytes });
        }
        let largest = images.last().map(|image| image.bytes.as_slice()).unwrap_or_default();
        let digest = Sha256::digest(largest);
        let version = digest.iter().take(6).map(|byte| format!("{byte:02x}")).collect();
        Ok(Logo { version, images })
    }
}

/// The largest logo file accepted.
pub const MAX_UPLOAD_BYTES: usize = 2 * 1024 * 1024;
/// The largest side accepted, in pixels: enough for any logo, small enough to decode quickly.
pub const MAX_SIDE: u32 = 4096;

/// Reads an uploaded logo: PNG, JPEG or WebP by its bytes (whatever its name or declared type says),
/// at most 2 MiB and 4096 pixels a side, decoded under a memory limit so that a small file declaring a
/// huge image is refused before any pixel is allocated. The result is padded to a transparent square;
/// re-encoding it (see [`Logo::from_square`]) drops all metadata.
pub fn decode_upload(bytes: &[u8]) -> Result<RgbaImage, crate::domain::validation::Problem> {
    use crate::domain::validation::Problem;
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(Problem::FileTooLarge { max_mib: 2 });
    }
    let format = match image::guess_format(bytes) {
        Ok(format @ (ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP)) => format,
        _ => return Err(Problem::UnsupportedImage),
    };
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(u64::from(MAX_SIDE) * u64::from(MAX_SIDE) * 4);
    reader.limits(limits);
    let image = reader.decode().map_err(|error| match error {
        image::ImageError::Limits(_) => Problem::ImageTooLarge { max_px: MAX_SIDE },
        _ => Problem::UnreadableImage,
    })?;
    let image = image.to_rgba8();
    let side = image.width().max(image.height()).max(1);
    let mut square = RgbaImage::new(side, side);
    image::imageops::overlay(
        &mut square,
        &image,
        i64::from((side - image.width()) / 2),
        i64::from((side - image.height()) / 2),
    );
    Ok(square)
}

/// Uploads turned into logos at the same time at most. Each holds a blocking thread for as long as
/// decoding and three Lanczos resizes take (up to a second at 4096 pixels a side): a burst of uploads
/// waits here instead of taking every core.
static IMAGE_WORK: Semaphore = Semaphore::const_new(2);

/// An uploaded file as a logo in every served size ([`decode_upload`], then [`Logo::from_square`]),
/// worked out on a blocking thread so the async workers keep answering other requests meanwhile.
/// A file that is not a usable image is a `logo` field error.
pub async fn logo_from_upload(bytes: Vec<u8>) -> Result<Logo, AppError> {
    let permit = IMAGE_WORK.acquire().await.map_err(|_| AppError::Internal)?;
    let work = tokio::task::spawn_blocking(move || {
        // Held until the work ends, even when the request that asked for it is dropped first.
        let _permit = permit;
        let square = decode_upload(&bytes).map_err(|problem| FieldError::new("logo", problem))?;
        Logo::from_square(&square).map_err(|error| {
            tracing::error!(%error, "encoding a logo failed");
            AppError::Internal
        })
    });
    work.await.map_err(|error| {
        tracing::error!(%error, "the logo's image work failed");
        AppError::Internal
    })?
}

/// Background colours of demo emblems (the same family as the site's monograms).
const PALETTE: [[u8; 3]; 8] = [
    [0x0b, 0x4f, 0x8a],
    [0x00, 0x67, 0x7f],
    [0x1e, 0x6b, 0x34],
    [0x7a, 0x3e, 0x9d],
    [0xa4, 0x26, 0x2c],
    [0x8a, 0x53, 0x00],
    [0x3d, 0x4a, 0x5c],
    [0x00, 0x5f, 0x73],
];

/// A simple, distinct emblem for a fictional organization, drawn from its slug: a white shape
/// (shield, hexagon, ring, diamond or tower) on a coloured rounded square.
pub fn demo_emblem(slug: &str) -> RgbaImage {
    const SIZE: u32 = 256;
    const SAMPLES: u32 = 2;
    let hash = slug.bytes().fold(2_166_136_261u32, |hash, byte| (hash ^ u32::from(byte)).wrapping_mul(16_777_619));
    let background = PALETTE[(hash % 8) as usize];
    let shape = (hash / 8) % 5;
    ImageBuffer::from_fn(SIZE, SIZE, |px, py| {
        let (mut inside_tile, mut inside_shape) = (0, 0);
        for sy in 0..SAMPLES {
            for sx in 0..SAMPLES {
                let x = (f64::from(px) + (f64::from(sx) + 0.5) / f64::from(SAMPLES)) / f64::from(SIZE);
                let y = (f64::from(py) + (f64::from(sy) + 0.5) / f64::from(SAMPLES)) / f64::from(SIZE);
                if rounded_square(x, y) {
                    inside_tile += 1;
                    if emblem(shape, x, y) {
                        inside_shape += 1;
                    }
                }
            }
        }
        let coverage = f64::from(inside_tile) / f64::from(SAMPLES * SAMPLES);
        let white = f64::from(inside_shape) / f64::from(inside_tile.max(1));
        let channel = |c: u8| (f64::from(c) * (1.0 - white) + 255.0 * white).round() as u8;
        Rgba([channel(background[0]), channel(background[1]), channel(background[2]), (coverage * 255.0).round() as u8])
    })
}

fn rounded_square(x: f64, y: f64) -> bool {
    let radius = 0.2;
    let cx = x.clamp(radius, 1.0 - radius);
    let cy = y.clamp(radius, 1.0 - radius);
    (x - cx).powi(2) + (y - cy).powi(2) <= radius * radius
}

fn emblem(shape: u32, x: f64, y: f64) -> bool {
    let (dx, dy) = (x - 0.5, y - 0.5);
    match shape {
        // Shield: straight top and sides, a curved point below.
        0 => {
            let body = (0.24..=0.76).contains(&x) && (0.22..=0.55).contains(&y);
            let point = y > 0.55 && y < 0.82 && dx.abs() <= 0.26 * (1.0 - ((y - 0.55) / 0.27).powi(2)).max(0.0).sqrt();
            let cut = dx.abs() < 0.05 && (0.32..=0.66).contains(&y);
            (body || point) && !cut
        }
        // Hexagon with a hole.
        1 => {
            let hexagon = |r: f64| dy.abs() <= r * 0.866 && dy.abs() * 0.577 + dx.abs() <= r;
            hexagon(0.3) && !hexagon(0.14)
        }
        // Ring with a dot.
        2 => {
            let distance = (dx * dx + dy * dy).sqrt();
            (0.2..=0.3).contains(&distance) || distance <= 0.08
        }
        // Diamond around a square.
        3 => {
            let diamond = dx.abs() + dy.abs() <= 0.32 && dx.abs() + dy.abs() >= 0.2;
            diamond || (dx.abs() <= 0.07 && dy.abs() <= 0.07)
        }
        // Tower with battlements.
        _ => {
            let body = (0.3..=0.7).contains(&x) && (0.34..=0.78).contains(&y);
            let merlon =
                (0.24..=0.34).contains(&y) && ((x - 0.3) / 0.1).floor() as i32 % 2 == 0 && (0.3..=0.7).contains(&x);
            let gate = dx.abs() < 0.07 && y > 0.6;
            (body || merlon) && !gate
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_logo_comes_in_every_size_as_png() {
        let logo = Logo::from_square(&demo_emblem("kiber-qalxan")).unwrap();
        assert_eq!(logo.images.iter().map(|image| image.size).collect::<Vec<_>>(), LOGO_SIZES);
        for image in &logo.images {
            assert!(image.bytes.starts_with(b"\x89PNG"), "PNG signature");
            let decoded = image::load_from_memory(&image.bytes).unwrap();
            assert_eq!((decoded.width(), decoded.height()), (image.size, image.size));
        }
        assert_eq!(logo.version.len(), 12);
        let other = Logo::from_square(&demo_emblem("data-siper")).unwrap();
        assert_ne!(logo.version, other.version, "different emblems, different versions");
    }

    fn encoded(image: &RgbaImage, format: ImageFormat) -> Vec<u8> {
        let mut bytes = Vec::new();
        image::DynamicImage::ImageRgba8(image.clone())
            .to_rgb8()
            .write_to(&mut std::io::Cursor::new(&mut bytes), format)
            .unwrap();
        bytes
    }

    #[test]
    fn uploads_are_checked_by_their_bytes_and_padded_to_a_square() {
        use crate::domain::validation::Problem;
        let wide = RgbaImage::from_pixel(300, 100, Rgba([200, 10, 10, 255]));
        for format in [ImageFormat::Png, ImageFormat::Jpeg, ImageFormat::WebP] {
            let square = decode_upload(&encoded(&wide, format)).unwrap();
            assert_eq!((square.width(), square.height()), (300, 300), "{format:?}");
            assert_eq!(square.get_pixel(0, 0)[3], 0, "the padding is transparent");
        }
        let svg = br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#;
        assert_eq!(decode_upload(svg), Err(Problem::UnsupportedImage));
        assert_eq!(decode_upload(b"GIF89a........"), Err(Problem::UnsupportedImage));
        assert_eq!(decode_upload(&vec![0; MAX_UPLOAD_BYTES + 1]), Err(Problem::FileTooLarge { max_mib: 2 }));
        let mut truncated = encoded(&wide, ImageFormat::Png);
        truncated.truncate(60);
        assert_eq!(decode_upload(&truncated), Err(Problem::UnreadableImage));
    }

    #[test]
    fn a_small_file_declaring_a_huge_image_is_refused_before_decoding() {
        // A valid PNG header claiming 100,000 x 100,000 pixels, and nothing else.
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(100_000u32.to_be_bytes());
        png.extend(100_000u32.to_be_bytes());
        png.extend([8, 6, 0, 0, 0]);
        let crc = crc32(&png[12..]);
        png.extend(crc.to_be_bytes());
        assert_eq!(decode_upload(&png), Err(crate::domain::validation::Problem::ImageTooLarge { max_px: MAX_SIDE }));
    }

    #[tokio::test]
    async fn uploads_become_logos_on_a_blocking_thread() {
        use crate::domain::validation::Problem;
        let upload = encoded(&RgbaImage::from_pixel(1600, 1200, Rgba([20, 90, 160, 255])), ImageFormat::Png);
        // On this one-threaded runtime, another task runs while the logo is worked out: the work
        // does not hold the async thread.
        let logo = tokio::select! {
            biased;
            () = tokio::task::yield_now() => None,
            logo = logo_from_upload(upload.clone()) => Some(logo),
        };
        assert_eq!(logo, None, "the other task answered first");
        let logos =
            tokio::join!(logo_from_upload(upload.clone()), logo_from_upload(upload.clone()), logo_from_upload(upload));
        for logo in [logos.0, logos.1, logos.2] {
            assert_eq!(logo.unwrap().images.iter().map(|image| image.size).collect::<Vec<_>>(), LOGO_SIZES);
        }
        assert_eq!(
            logo_from_upload(b"GIF89a........".to_vec()).await,
            Err(FieldError::new("logo", Problem::UnsupportedImage).into())
        );
    }

    /// The CRC-32 PNG chunks carry (so the forged header is otherwise valid).
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xffff_ffffu32;
        for byte in bytes {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }
}
