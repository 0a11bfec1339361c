import Foundation

/// Writes a file the user named with `--out`, so that no output path can
/// replace anything but the regular file the user named, and a failed
/// write leaves the path as it was:
///
/// - a regular file (or a name not yet taken) is replaced whole: the text
///   goes to a temporary file beside it, is flushed, and is renamed over
///   it, keeping its permissions; on any failure the temporary file is
///   removed and the path is left untouched;
/// - a symbolic link is followed: its target is replaced so, and the link
///   stays a link to it;
/// - a character device or a FIFO (`/dev/null`, `/dev/stdout`, a pipe) is
///   written into, never replaced;
/// - a folder, a block device, a socket or a dangling link is refused, and
///   so is a file the command reads (see `clash`).
public enum OutputFile {
    /// Names which of `inputs` (files, or folders whose every entry is
    /// read) `path` would overwrite, or nil. The same file under another
    /// name (a link, `./`, `..`) is caught too: files are compared by
    /// device and inode.
    public static func clash(_ path: String, inputs: [String]) -> String? {
        var target = stat()
        guard stat(path, &target) == 0 else { return nil }
        for input in inputs {
            var info = stat()
            guard stat(input, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                let entries = (try? FileManager.default.contentsOfDirectory(atPath: input)) ?? []
                for entry in entries {
                    let file = (input as NSString).appendingPathComponent(entry)
                    var inner = stat()
                    if stat(file, &inner) == 0, same(inner, target) { return file }
                }
            } else if same(info, target) {
                return input
            }
        }
        return nil
    }

    static func same(_ a: stat, _ b: stat) -> Bool {
        a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }

    public static func write(_ text: String, to path: String) throws(LoadErrors) {
        func failure(_ message: String, _ kind: LoadError.Kind = .io) -> LoadErrors {
            LoadErrors([LoadError(kind, file: path, message)])
        }
        var target = path
        var info = stat()
        var exists = lstat(path, &info) == 0
        if exists, (info.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = realpath(path, nil) else {
                throw failure("is a symbolic link to a file that does not exist; nothing was written")
            }
            target = String(cString: resolved)
            free(resolved)
            exists = stat(target, &info) == 0
        }
        let bytes = Array(text.utf8)
        guard exists else {
            return try replace(target, with: bytes, mode: 0o644, named: path)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            try replace(target, with: bytes, mode: info.st_mode & 0o7777, named: path)
        case S_IFCHR, S_IFIFO:
            let fd = open(target, O_WRONLY | O_NOCTTY)
            guard fd >= 0 else { throw failure("cannot be opened for writing: \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            if let problem = writeAll(bytes, to: fd) { throw failure("cannot be written: \(problem)") }
        case S_IFDIR:
            throw failure("is a folder; give the name of the file to write, such as \((path as NSString).appendingPathComponent("report.html"))")
        default:
            throw failure("is neither a regular file nor a character device or pipe; nothing was written")
        }
    }

    /// A temporary file beside `target`, written, flushed and renamed over it.
    static func replace(_ target: String, with bytes: [UInt8], mode: mode_t, named path: String) throws(LoadErrors) {
        let folder = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        let temporary = (folder.isEmpty ? "" : folder + "/") + ".\(name).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, mode)
        guard fd >= 0 else {
            throw LoadErrors([LoadError(errno == ENOENT ? .noInput : .io, file: path, "cannot be written: \(String(cString: strerror(errno))) (making a temporary file in \(folder.isEmpty ? "." : folder)); nothing was written")])
        }
        var problem = writeAll(bytes, to: fd)
        if problem == nil, fchmod(fd, mode) != 0 || fsync(fd) != 0 { problem = String(cString: strerror(errno)) }
        close(fd)
        if problem == nil, rename(temporary, target) != 0 { problem = String(cString: strerror(errno)) }
        guard let problem else {
            LockedLedger.syncFolder(of: target)
            return
        }
        unlink(temporary)
        throw LoadErrors([LoadError(.io, file: path, "cannot be written: \(problem); it was left as it was")])
    }

    /// Writes all of `bytes`; the error's text, or nil.
    static func writeAll(_ bytes: [UInt8], to fd: Int32) -> String? {
        bytes.withUnsafeBytes { Descriptor.write($0, to: fd) }
    }
}
