import Foundation

/// A ledger file opened for change, under an exclusive advisory lock
/// (`flock`), so that concurrent writers take turns and each sees the
/// others' lines.
struct LockedLedger {
    let path: String
    let fd: Int32
    let created: Bool

    /// Opens (creating it if need be) and locks the ledger at `path`. A
    /// writer that waited for the lock checks that the file it locked is
    /// still the one at `path`: a first record that failed removes the file
    /// it created, and a writer holding the removed file would lose its line.
    static func open(_ path: String) throws(LoadErrors) -> LockedLedger {
        while true {
            var created = true
            var fd = Foundation.open(path, O_RDWR | O_APPEND | O_CREAT | O_EXCL, 0o644)
            if fd < 0, errno == EEXIST {
                created = false
                fd = Foundation.open(path, O_RDWR | O_APPEND)
                if fd < 0, errno == ENOENT { continue }
            }
            guard fd >= 0 else {
                throw LoadErrors([LoadError(errno == ENOENT ? .noInput : .io, file: path, "cannot be opened for writing: \(String(cString: strerror(errno)))")])
            }
            var opened = stat()
            if fstat(fd, &opened) == 0, let kind = FileKind.name(opened.st_mode) {
                close(fd)
                throw LoadErrors([LoadError(.badData, file: path, "is \(kind), not a regular file; a ledger is a file of lines; it was left as it is")])
            }
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else {
                    let message = String(cString: strerror(errno))
                    close(fd)
                    throw LoadErrors([LoadError(.io, file: path, "cannot be locked: \(message)")])
                }
            }
            var locked = stat()
            var named = stat()
            guard fstat(fd, &locked) == 0, stat(path, &named) == 0,
                  locked.st_dev == named.st_dev, locked.st_ino == named.st_ino else {
                close(fd)
                continue
            }
            return LockedLedger(path: path, fd: fd, created: created)
        }
    }

    /// Everything in the file, read through the locked descriptor.
    func contents() throws(LoadErrors) -> [UInt8] {
        guard let bytes = Descriptor.readToEnd(fd, from: 0) else {
            throw LoadErrors([LoadError(.io, file: path, "cannot be read: \(String(cString: strerror(errno)))")])
        }
        return bytes
    }

    /// Appends `text` to a ledger that was `length` bytes long and flushes
    /// it (and, for a new file, its folder) to disk. When the write or the
    /// flush fails (a full disk, an I/O error), the file is cut back to
    /// `length` bytes, so a failed append leaves it byte-identical, and
    /// the error says so.
    func append(_ text: String, after length: Int) throws(LoadErrors) {
        let bytes = Array(text.utf8)
        var written = 0
        var failure: String?
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                failure = "the event could not be written: \(String(cString: strerror(errno)))"
                break
            }
            if count == 0 {
                failure = "the event could not be written: the file takes no more bytes"
                break
            }
            written += count
        }
        if failure == nil, fsync(fd) != 0 {
            failure = "the event could not be flushed to disk: \(String(cString: strerror(errno)))"
        }
        guard let failure else {
            if created { LockedLedger.syncFolder(of: path) }
            return
        }
        throw LoadErrors([LoadError(.io, file: path, failure + "; " + rollBack(to: length))])
    }

    /// Cuts a failed append off (the file back to `length` bytes) and says
    /// what became of the ledger.
    func rollBack(to length: Int) -> String {
        guard ftruncate(fd, off_t(length)) == 0 else {
            return "the ledger could not be cut back to its \(length) bytes (\(String(cString: strerror(errno)))): `contractctl repair --ledger \(path)` moves the incomplete line aside"
        }
        _ = fsync(fd)
        if created, length == 0 {
            return removeCreated() ? "nothing was recorded, and the new ledger file was removed" : "nothing was recorded; the new ledger file is empty"
        }
        return "nothing was recorded: the ledger was cut back to its \(length) bytes"
    }

    /// Removes the file this writer created, still empty after a failed
    /// first record; writers waiting for the lock see it gone and start over.
    @discardableResult
    func removeCreated() -> Bool {
        guard created else { return false }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size == 0, unlink(path) == 0 else { return false }
        LockedLedger.syncFolder(of: path)
        return true
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
