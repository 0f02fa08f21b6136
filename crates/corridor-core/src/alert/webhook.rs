//! Webhooks: where an organisation's system receives its alerts as signed JSON. The address must be http or
//! https, name a host, carry no credentials, and not point back at this server (which would post to itself).

use crate::error::FieldError;

/// Consecutive failures after which a webhook is turned off and its owner told.
pub const FAILURES_BEFORE_DISABLED: i32 = 5;

/// The host and port of an `http(s)://` address, lower-cased, with the scheme's port when none is given.
fn host_port(url: &str) -> Option<(String, u16)> {
    let (scheme, rest) = url.split_once("://")?;
    let default = match scheme.to_ascii_lowercase().as_str() {
        "http" => 80,
        "https" => 443,
        _ => return None,
    };
    let authority = rest.split(['/', '?', '#']).next()?;
    if authority.contains('@') {
        return None;
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || authority.starts_with('[') => (h, p.parse().ok()?),
        _ => (authority, default),
    };
    let host = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_ascii_lowercase();
    (!host.is_empty()).then_some((host, port))
}

/// Checks a webhook address. `own` lists the addresses this server answers at (`127.0.0.1:8080`,
/// `https://corridor.example.org`); an address that reaches one of them is refused.
pub fn check_url(field: &str, raw: &str, own: &[String]) -> Result<String, FieldError> {
    let url = raw.trim();
    if url.is_empty() {
        return Err(FieldError::new(field, "is required"));
    }
    if url.len() > 2_000 || url.chars().any(char::is_whitespace) {
        return Err(FieldError::new(field, "must be one address without spaces"));
    }
    let Some((host, port)) = host_port(url) else {
        return Err(FieldError::new(
            field,
            "must be an http:// or https:// address with a host and no user name or password",
        ));
    };
    let ours = own.iter().filter_map(|o| {
        let o = if o.contains("://") {
            o.clone()
        } else {
            format!("http://{o}")
        };
        host_port(&o)
    });
    let loopback =
        |h: &str| h == "localhost" || h.starts_with("127.") || h == "::1" || h == "0.0.0.0";
    for (h, p) in ours {
        let same_host = h == host || (loopback(&h) && loopback(&host)) || (h == "0.0.0.0");
        if same_host && p == port {
            return Err(FieldError::new(
                field,
                "points at this server itself; give the address of the system that should receive the alerts",
            ));
        }
    }
    Ok(url.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_checked_and_this_server_is_refused() {
        let own = [
            "127.0.0.1:8080".to_owned(),
            "https://corridor.example.org".to_owned(),
        ];
        assert_eq!(
            check_url("url", " https://hooks.example.com/corridor ", &own).unwrap(),
            "https://hooks.example.com/corridor"
        );
        assert!(
            check_url("url", "http://127.0.0.1:9000/hook", &own).is_ok(),
            "another port is another server"
        );
        for bad in [
            "",
            "ftp://hooks.example.com/x",
            "hooks.example.com",
            "https://user:secret@hooks.example.com/",
            "http:///nohost",
            "http://localhost:8080/hook",
            "http://127.0.0.1:8080/api",
            "https://corridor.example.org/hook",
            "https://CORRIDOR.example.org:443/x",
        ] {
            let e = check_url("url", bad, &own).unwrap_err();
            assert_eq!(e.field, "url", "{bad}");
        }
    }
}
