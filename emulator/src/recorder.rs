//! [`Recorder`]: a TCP listener on loopback standing in for something a client must never
//! reach (a proxy, another origin). It records the first line each connection sent,
//! answers 502 and closes.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A listener that records what reached it; see the module's comment.
pub struct Recorder {
    /// Where it listens.
    pub addr: SocketAddr,
    lines: Arc<Mutex<Vec<String>>>,
}

impl Recorder {
    /// Starts listening on 127.0.0.1, on a port of its own, in a thread of its own.
    pub fn start() -> std::io::Result<Recorder> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let lines = Arc::new(Mutex::new(Vec::new()));
        let seen = lines.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
                let mut first = String::new();
                let _ = BufReader::new(&stream).read_line(&mut first);
                crate::sync::lock(&seen).push(first.trim_end().to_string());
                let _ = (&stream).write_all(
                    b"HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
                );
            }
        });
        Ok(Recorder { addr, lines })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The first line of every connection so far (e.g. `GET http://... HTTP/1.1`).
    pub fn lines(&self) -> Vec<String> {
        crate::sync::lock(&self.lines).clone()
    }
}
