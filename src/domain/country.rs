//! The countries a listing can be in: the Organization of Turkic States, its members and observers.

text_enum! {
    /// An ISO 3166-1 alpha-2 country code of an OTS member or observer state.
    pub enum Country {
        Azerbaijan = "AZ",
        Kazakhstan = "KZ",
        Kyrgyzstan = "KG",
        Turkiye = "TR",
        Uzbekistan = "UZ",
        Hungary = "HU",
        Turkmenistan = "TM",
    }
}

text_enum! {
    /// How a country takes part in the Organization of Turkic States.
    pub enum OtsStatus {
        Member = "member",
        Observer = "observer",
    }
}

impl Country {
    pub fn ots_status(self) -> OtsStatus {
        match self {
            Country::Hungary | Country::Turkmenistan => OtsStatus::Observer,
            _ => OtsStatus::Member,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for country in Country::ALL {
            assert_eq!(country.as_str().parse::<Country>(), Ok(*country));
        }
        assert!("az".parse::<Country>().is_err(), "codes are upper case");
        assert_eq!(Country::Hungary.ots_status(), OtsStatus::Observer);
    }
}
