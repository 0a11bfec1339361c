import Foundation

/// A file as `stat` describes it: what tells the ledger cache that a file
/// is still the one it saw (same device, inode, size and modification
/// time to the nanosecond).
public struct FileStamp: Sendable, Equatable {
    public var device: UInt64
    public var inode: UInt64
    public var size: UInt64
    /// Modification time, nanoseconds since 1970.
    public var modified: Int64

    public init(device: UInt64, inode: UInt64, size: UInt64, modified: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modified = modified
    }

    init(_ info: stat) {
        self.init(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: UInt64(max(0, info.st_size)),
                  modified: Int64(info.st_mtim.tv_sec) &* 1_000_000_000 &+ Int64(info.st_mtim.tv_nsec))
    }

    /// The file at `path` (followed if a link); nil when it cannot be read.
    public static func of(_ path: String) -> FileStamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileStamp(info)
    }

    static func of(descriptor: Int32) -> FileStamp? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return FileStamp(info)
    }
}

/// A fixtures folder as the loader read it: its absolute path and every
/// contract file's name and stamp, taken before the files were read.
public struct FolderStamp: Sendable, Equatable {
    public var folder: String
    public var files: [String]
    public var stamps: [FileStamp]

    /// The stamps of `names` in `folder`; nil when one cannot be taken.
    static func take(folder: String, names: [String]) -> FolderStamp? {
        let absolute = URL(fileURLWithPath: folder).standardizedFileURL.path
        var stamps: [FileStamp] = []
        stamps.reserveCapacity(names.count)
        for name in names {
            guard let stamp = FileStamp.of((absolute as NSString).appendingPathComponent(name)) else { return nil }
            stamps.append(stamp)
        }
        return FolderStamp(folder: absolute, files: names, stamps: stamps)
    }

    /// The folder as it is now, listed as `ContractLoader.load` lists it.
    public static func take(folder: String) -> FolderStamp? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: URL(fileURLWithPath: folder).path) else { return nil }
        return take(folder: folder, names: names.filter { $0.hasSuffix(".json") }.sorted())
    }
}
