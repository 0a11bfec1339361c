import Foundation

/// Whole reads and writes on a file descriptor, retried after an
/// interruption or a short transfer: the one loop the ledger, the cache,
/// `--out` files and standard output all go through.
public enum Descriptor {
    /// Writes all of `bytes` to `fd`; the error's text (strerror), or nil.
    public static func write(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> String? {
        var written = 0
        while written < bytes.count {
            let count = Foundation.write(fd, bytes.baseAddress.map { $0 + written }, bytes.count - written)
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return String(cString: strerror(errno))
            }
            if count == 0 { return "nothing could be written" }
            written += count
        }
        return nil
    }

    /// Reads into all of `buffer` from `offset`, fewer bytes only at the
    /// end of the file: how many; nil on an error, with `errno` saying why.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int? {
        var done = 0
        while done < buffer.count {
            let count = pread(fd, buffer.baseAddress.map { $0 + done }, buffer.count - done, off_t(offset + done))
            if count < 0, errno == EINTR { continue }
            if count < 0 { return nil }
            if count == 0 { break }
            done += count
        }
        return done
    }

    /// Everything in the file from `offset` to its end: the size it has now
    /// is read straight into the array (no chunk copied over, no
    /// regrowing), whatever follows as it comes. Nil on an error, with
    /// `errno` saying why.
    static func readToEnd(_ fd: Int32, from offset: Int) -> [UInt8]? {
        var info = stat()
        let size = fstat(fd, &info) == 0 ? max(0, Int(info.st_size) - offset) : 0
        var failed = false
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            guard let count = read(fd, into: UnsafeMutableRawBufferPointer(buffer), at: offset) else {
                failed = true
                return
            }
            initialized = count
        }
        guard !failed else { return nil }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            guard let count = chunk.withUnsafeMutableBytes({ read(fd, into: $0, at: offset + bytes.count) }) else { return nil }
            bytes += chunk[0..<count]
            if count < chunk.count { return bytes }
        }
    }
}
