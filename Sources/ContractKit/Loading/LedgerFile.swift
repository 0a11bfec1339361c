import Foundation

/// A ledger file opened for change, under an exclusive advisory lock
/// (`flock`), so that concurrent writers take turns and each sees the
/// others' lines.
struct LockedLedger {
    let path: String
    let fd: Int32
    let created: Bool

    static func open(_ path: String) throws(LoadErrors) -> LockedLedger {
        let existed = FileManager.default.fileExists(atPath: path)
        let fd = Foundation.open(path, O_RDWR | O_APPEND | O_CREAT, 0o644)
        guard fd >= 0 else {
            throw LoadErrors([LoadError(errno == ENOENT ? .noInput : .io, file: path, "cannot be opened for writing: \(String(cString: strerror(errno)))")])
        }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let message = String(cString: strerror(errno))
                close(fd)
                throw LoadErrors([LoadError(.io, file: path, "cannot be locked: \(message)")])
            }
        }
        return LockedLedger(path: path, fd: fd, created: !existed)
    }

    /// Everything in the file, read through the locked descriptor.
    func contents() throws(LoadErrors) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var offset: off_t = 0
        while true {
            let count = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
            if count < 0 {
                if errno == EINTR { continue }
                throw LoadErrors([LoadError(.io, file: path, "cannot be read: \(String(cString: strerror(errno)))")])
            }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
            offset += off_t(count)
        }
    }

    /// Appends `text` in one write and flushes it (and, for a new file, its folder) to disk.
    func append(_ text: String) throws(LoadErrors) {
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw LoadErrors([LoadError(.io, file: path, "the event could not be written: \(String(cString: strerror(errno)))")])
            }
            written += count
        }
        try sync()
    }

    /// Cuts the file to `length` bytes and flushes it.
    func truncate(to length: Int) throws(LoadErrors) {
        guard ftruncate(fd, off_t(length)) == 0 else {
            throw LoadErrors([LoadError(.io, file: path, "cannot be truncated: \(String(cString: strerror(errno)))")])
        }
        try sync()
    }

    func sync() throws(LoadErrors) {
        guard fsync(fd) == 0 else {
            throw LoadErrors([LoadError(.io, file: path, "cannot be flushed to disk: \(String(cString: strerror(errno)))")])
        }
        if created { LockedLedger.syncFolder(of: path) }
    }

    /// Makes a new file's name durable: fsync of its folder.
    static func syncFolder(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let dir = Foundation.open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY)
        guard dir >= 0 else { return }
        _ = fsync(dir)
        close(dir)
    }

    func unlock() {
        _ = flock(fd, LOCK_UN)
        close(fd)
    }
}
