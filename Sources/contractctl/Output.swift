import ContractKit
import Foundation

/// The one way contractctl writes what a command produced: whole buffers
/// through write(2), retried after an interruption or a short write, with
/// a failure returned as a message instead of a trap. A full disk (ENOSPC)
/// or a reader gone away with SIGPIPE ignored (EPIPE) on standard output
/// becomes `contractctl: error: standard output: No space left on device`
/// and exit 74; `FileHandle.write` trapped on both.
enum Output {
    /// Writes all of `bytes` to `fd`; the error's text (strerror) or nil.
    static func write(_ bytes: [UInt8], to fd: Int32) -> String? {
        bytes.withUnsafeBufferPointer { write($0, to: fd) }
    }

    /// A string's UTF-8 written where it is stored (a report of 170 MB is
    /// not copied into an array first).
    static func write(_ text: String, to fd: Int32) -> String? {
        var text = text
        return text.withUTF8 { write($0, to: fd) }
    }

    static func write(_ bytes: UnsafeBufferPointer<UInt8>, to fd: Int32) -> String? {
        Descriptor.write(UnsafeRawBufferPointer(bytes), to: fd)
    }

    /// Writes a command's result and its messages and returns the exit
    /// code: `code`, or 74 when standard output could not take the result.
    /// Standard error is written last, and a failure there has nowhere to
    /// be reported, so it only turns a success into 74.
    static func emit(stdout output: String, stderr errors: String, code: Int32) -> Int32 {
        var code = code
        var errors = errors
        if !output.isEmpty, let failure = write(output, to: STDOUT_FILENO) {
            errors += "contractctl: error: standard output: \(failure)\n"
            code = 74
        }
        if !errors.isEmpty, write(errors, to: STDERR_FILENO) != nil, code == 0 {
            code = 74
        }
        return code
    }
}
