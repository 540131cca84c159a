//! An implementation in another process, speaking the line protocol of `spec/PROTOCOL.md` on
//! its standard input and output.

use std::borrow::ToOwned;
use std::fmt::Write as _;
use std::format;
use std::io::{BufRead, BufReader, Read as _, Write as _};
use std::process::{Child, ChildStderr, ChildStdin, ChildStdout, Command, ExitStatus, Stdio};
use std::string::{String, ToString};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};
use std::vec::Vec;

use serde_json::Value;

use super::implementation::{Error, Implementation, MAX_LINE_BYTES, Object};

/// How long a stopping implementation is given to exit, and its standard error to close.
const EXIT_GRACE: Duration = Duration::from_millis(500);

/// Longest standard-error line kept for a crash report, in characters.
const MAX_ERROR_CHARS: usize = 200;

/// Longest part of a malformed response line shown in a failure reason, in characters.
const MAX_SHOWN_CHARS: usize = 60;

/// An implementation run as a child process: one request line written to its standard input,
/// one response line read from its standard output (`spec/PROTOCOL.md`, "Running").
///
/// A response that does not come within the time-out fails the vector, and the process is
/// killed and started again for the next one; a process that closes its output or stops
/// reading fails the vector with its exit status and the last line of its standard error, and
/// is started again. Lines longer than [`MAX_LINE_BYTES`] are not stored, however long the
/// process writes without a newline. Dropping it closes the process's input and, after half a
/// second, kills it. On Unix the process runs in a process group of its own, and every stop
/// kills the group: nothing it started is left running.
///
/// # Examples
/// ```no_run
/// use std::time::Duration;
/// use emvqr::conform::{External, Ledger, Runner, load};
///
/// let vectors = load(&["spec"])?;
/// let mut adapter = External::start("python3 my_adapter.py", Duration::from_secs(5))?;
/// let summary = Runner::new().ledger(Ledger::new()).run(&vectors, &mut adapter);
/// println!("{}", summary.text());
/// # Ok::<(), emvqr::conform::Error>(())
/// ```
#[derive(Debug)]
pub struct External {
    command: String,
    argv: Vec<String>,
    timeout: Duration,
    running: Option<Running>,
}

/// A line the implementation wrote.
enum Line {
    Text(Vec<u8>),
    TooLong,
    End,
}

/// The running process and what reads its output.
struct Running {
    child: Child,
    stdin: ChildStdin,
    lines: Receiver<Line>,
    /// The last line the implementation wrote to its standard error, and a signal sent when
    /// its standard error closes.
    last_error: Arc<Mutex<String>>,
    error_closed: Receiver<()>,
}

impl core::fmt::Debug for Running {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Running")
            .field("pid", &self.child.id())
            .finish_non_exhaustive()
    }
}

impl External {
    /// Starts `command` (split into words by the POSIX shell's quoting rules: whitespace
    /// separates, single quotes keep everything, a backslash escapes the next character; no
    /// expansion, no shell), giving each response `timeout`.
    ///
    /// # Errors
    /// The command is empty or badly quoted, or cannot be started.
    pub fn start(command: &str, timeout: Duration) -> Result<External, Error> {
        let argv = split_words(command).map_err(Error::new)?;
        if argv.is_empty() {
            return Err(Error::new("empty command".to_owned()));
        }
        let mut external = External {
            command: command.to_owned(),
            argv,
            timeout,
            running: None,
        };
        external.spawn().map_err(Error::new)?;
        Ok(external)
    }

    fn spawn(&mut self) -> Result<(), String> {
        let (program, args) = self.argv.split_first().ok_or("empty command")?;
        let mut command = Command::new(program);
        command
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        #[cfg(unix)]
        {
            // A process group of its own, so that stopping it stops whatever it started.
            use std::os::unix::process::CommandExt as _;
            command.process_group(0);
        }
        let mut child = command
            .spawn()
            .map_err(|e| format!("cannot start {program}: {e}"))?;
        let stdin = child.stdin.take().ok_or("no standard input to write to")?;
        let stdout = child.stdout.take().ok_or("no standard output to read")?;
        let stderr = child.stderr.take().ok_or("no standard error to read")?;
        let last_error = Arc::new(Mutex::new(String::new()));
        let (closed, error_closed) = mpsc::sync_channel(1);
        let keep = Arc::clone(&last_error);
        let threads = thread::Builder::new()
            .spawn(move || {
                keep_last_error_line(stderr, &keep);
                let _ = closed.send(());
            })
            .and_then(|_| reader(stdout));
        let lines = match threads {
            Ok(lines) => lines,
            Err(e) => {
                kill_group(&child);
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("cannot read the output of {program}: {e}"));
            }
        };
        self.running = Some(Running {
            child,
            stdin,
            lines,
            last_error,
            error_closed,
        });
        Ok(())
    }

    /// Stops the implementation and says how it ended. With `grace`, it is first given a moment
    /// to exit by itself (its input is closed first); otherwise it is killed at once.
    fn stop(&mut self, grace: bool) -> String {
        let Some(mut running) = self.running.take() else {
            return "not running".to_owned();
        };
        drop(running.stdin);
        let mut status: Option<ExitStatus> = running.child.try_wait().ok().flatten();
        if grace {
            let until = Instant::now().checked_add(EXIT_GRACE);
            while status.is_none() && until.is_some_and(|u| Instant::now() < u) {
                thread::sleep(Duration::from_millis(10));
                status = running.child.try_wait().ok().flatten();
            }
        }
        // Whatever it started goes with it, whether it exited or is killed now.
        kill_group(&running.child);
        let mut how = match status {
            Some(s) => describe_exit(s),
            None => {
                let _ = running.child.kill();
                let _ = running.child.wait();
                "still running, killed".to_owned()
            }
        };
        if grace {
            // Its last words, once its standard error has closed (or a moment has passed).
            let _ = running.error_closed.recv_timeout(EXIT_GRACE);
            let last = running
                .last_error
                .lock()
                .map(|l| l.clone())
                .unwrap_or_default();
            if !last.is_empty() {
                let _ = write!(how, "; last error output: {last:?}");
            }
        }
        how
    }
}

impl Implementation for External {
    /// The command, as given to [`External::start`].
    fn name(&self) -> String {
        self.command.clone()
    }

    /// Writes the request line and waits for the line answering its `id`; `Err` for a crash,
    /// a time-out, a malformed or overlong line.
    fn answer(&mut self, request: &Object) -> Result<Object, String> {
        if self.running.is_none() {
            self.spawn()
                .map_err(|e| format!("cannot restart the implementation: {e}"))?;
        }
        let Some(running) = self.running.as_mut() else {
            return Err("the implementation is not running".to_owned());
        };
        let line = serde_json::to_string(request).map_err(|e| e.to_string())?;
        let written = writeln!(running.stdin, "{line}").and_then(|()| running.stdin.flush());
        if written.is_err() {
            let status = self.stop(true);
            return Err(format!("crashed: stopped reading requests ({status})"));
        }
        let id = request.get("id");
        let deadline = Instant::now().checked_add(self.timeout);
        loop {
            let wait = deadline.map_or(self.timeout, |d| {
                d.saturating_duration_since(Instant::now())
            });
            match running.lines.recv_timeout(wait) {
                Ok(Line::Text(bytes)) => {
                    let text = String::from_utf8_lossy(&bytes);
                    let text = text.trim();
                    if text.is_empty() {
                        continue;
                    }
                    match serde_json::from_str::<Value>(text) {
                        Ok(response) if response.get("id") == id => {
                            return match response {
                                Value::Object(response) => Ok(response),
                                _ => Err("the response is not a JSON object".to_owned()),
                            };
                        }
                        // An answer to an earlier request: not this one's.
                        Ok(_) => {}
                        Err(_) => {
                            let shown: String = text.chars().take(MAX_SHOWN_CHARS).collect();
                            return Err(format!("malformed response line {shown:?}"));
                        }
                    }
                }
                Ok(Line::TooLong) => {
                    // What follows such a line cannot be trusted (it may never end): the next
                    // vector starts the implementation again.
                    self.stop(false);
                    return Err(format!("response line longer than {MAX_LINE_BYTES} bytes"));
                }
                Ok(Line::End) | Err(RecvTimeoutError::Disconnected) => {
                    let status = self.stop(true);
                    return Err(format!("crashed: closed its output ({status})"));
                }
                Err(RecvTimeoutError::Timeout) => {
                    self.stop(false);
                    return Err(format!(
                        "timed out after {} ms (implementation restarted)",
                        self.timeout.as_millis()
                    ));
                }
            }
        }
    }

    /// Closes the process's input and waits half a second for it to exit, then kills it. The
    /// next request starts it again.
    fn finish(&mut self) {
        self.stop(true);
    }
}

impl Drop for External {
    fn drop(&mut self) {
        self.stop(true);
    }
}

/// Kills the implementation's process group: the implementation and every process it started
/// that did not leave the group. The group outlives its leader while a member runs, and its
/// number is not given to another process until then.
#[cfg(unix)]
fn kill_group(child: &Child) {
    use nix::sys::signal::{Signal, killpg};
    use nix::unistd::Pid;
    if let Ok(pid) = i32::try_from(child.id()) {
        // No such group (everyone has exited) is the expected answer for a clean exit.
        let _ = killpg(Pid::from_raw(pid), Signal::SIGKILL);
    }
}

/// Elsewhere only the implementation itself is stopped.
#[cfg(not(unix))]
fn kill_group(_child: &Child) {}

/// Reads the implementation's standard error, keeping its last non-blank line.
fn keep_last_error_line(stderr: ChildStderr, last: &Mutex<String>) {
    let cap = u64::try_from(MAX_LINE_BYTES).unwrap_or(u64::MAX);
    let mut input = BufReader::new(stderr);
    loop {
        let mut line = Vec::new();
        match (&mut input).take(cap).read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {
                let text = String::from_utf8_lossy(&line);
                let text = text.trim();
                if !text.is_empty()
                    && let Ok(mut slot) = last.lock()
                {
                    *slot = text.chars().take(MAX_ERROR_CHARS).collect();
                }
            }
        }
    }
}

fn describe_exit(status: ExitStatus) -> String {
    if let Some(code) = status.code() {
        return format!("exit status {code}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt as _;
        if let Some(signal) = status.signal() {
            return format!("killed by signal {signal}");
        }
    }
    "ended".to_owned()
}

/// Reads the implementation's output lines on a thread, so a silent implementation can time out.
fn reader(stdout: ChildStdout) -> std::io::Result<Receiver<Line>> {
    let (sender, receiver) = mpsc::sync_channel(64);
    thread::Builder::new().spawn(move || read_lines(BufReader::new(stdout), &sender))?;
    Ok(receiver)
}

fn read_lines(mut input: BufReader<ChildStdout>, sender: &SyncSender<Line>) {
    let cap = u64::try_from(MAX_LINE_BYTES).unwrap_or(u64::MAX);
    loop {
        let mut line = Vec::new();
        let line = match (&mut input).take(cap).read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => {
                let _ = sender.send(Line::End);
                return;
            }
            Ok(_) if line.last() != Some(&b'\n') && line.len() >= MAX_LINE_BYTES => {
                // Said at once (the rest of the line may never come), then dropped unstored.
                drop(line);
                if sender.send(Line::TooLong).is_err() || skip_rest_of_line(&mut input).is_err() {
                    let _ = sender.send(Line::End);
                    return;
                }
                continue;
            }
            Ok(_) => Line::Text(line),
        };
        if sender.send(line).is_err() {
            return;
        }
    }
}

/// Consumes input up to and including the next line feed (or the end), storing none of it.
pub(super) fn skip_rest_of_line(input: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(at) = buf.iter().position(|&b| b == b'\n') {
            input.consume(at.saturating_add(1));
            return Ok(());
        }
        let len = buf.len();
        input.consume(len);
    }
}

/// Splits a command line into words by the POSIX shell's quoting rules (the `shlex` crate):
/// whitespace separates, single quotes keep everything, double quotes keep everything but the
/// escapes `\"`, `\\`, `\$` and `` \` ``, a backslash outside quotes escapes the next character.
/// Nothing is expanded.
fn split_words(cmd: &str) -> Result<Vec<String>, String> {
    shlex::split(cmd).ok_or_else(|| "an unclosed quote, or a backslash at the end".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_like_a_shell() {
        assert_eq!(
            split_words("a  'b c' \"d \\\" e\" f\\ g").unwrap(),
            vec!["a", "b c", "d \" e", "f g"]
        );
        assert!(split_words("'open").is_err());
        assert!(split_words("\"open").is_err());
        assert!(split_words("a\\").is_err());
        // In double quotes a backslash escapes only what the shell lets it escape.
        assert_eq!(split_words(r#""a\b" "\$x""#).unwrap(), vec!["a\\b", "$x"]);
        assert_eq!(split_words("  ").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn the_rest_of_a_line_is_skipped_unstored() {
        let mut input = std::io::Cursor::new(b"abc\ndef".to_vec());
        skip_rest_of_line(&mut input).unwrap();
        let mut rest = String::new();
        input.read_to_string(&mut rest).unwrap();
        assert_eq!(rest, "def");
    }
}
