import Foundation

/// Decodes a JSON document into a Codable value and turns every failure
/// into a `LoadError` naming the file and where in it the problem is.
enum JSONFile {
    /// A file to read must exist and be a regular file, not a folder, a
    /// FIFO or a device: what `read` and `readBytes` both check first.
    static func checkReadable(_ url: URL, displayName: String) throws(LoadError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw LoadError(.noInput, file: displayName, "no such file")
        }
        guard !isDirectory.boolValue else {
            throw LoadError(.badData, file: displayName, "is a folder, expected a JSON file")
        }
        if let kind = FileKind.special(url.path) {
            throw LoadError(.badData, file: displayName, "is \(kind), not a regular file; expected a JSON file")
        }
    }

    static func read(_ url: URL, displayName: String) throws(LoadError) -> Data {
        try checkReadable(url, displayName: displayName)
        do {
            return try Data(contentsOf: url)
        } catch {
            throw LoadError(.io, file: displayName, "cannot be read: \(error.localizedDescription)")
        }
    }

    /// The file's bytes, with `read`'s checks; read straight into an array
    /// (no `Data` in between), for the ledger, which can be large.
    static func readBytes(_ url: URL, displayName: String) throws(LoadError) -> [UInt8] {
        try checkReadable(url, displayName: displayName)
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else {
            throw LoadError(.io, file: displayName, "cannot be read: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var info = stat()
        var bytes: [UInt8] = []
        if fstat(fd, &info) == 0 { bytes.reserveCapacity(Int(info.st_size) + 1) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw LoadError(.io, file: displayName, "cannot be read: \(String(cString: strerror(errno)))")
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }

    /// Parses with the strict parser: exact line and column for a syntax
    /// error, duplicate keys refused, UTF-8 required.
    static func parse(_ data: Data, file: String) throws(LoadError) -> JSONNode {
        if data.isEmpty {
            throw LoadError(.badData, file: file, "the file is empty, expected a JSON object")
        }
        guard String(data: data, encoding: .utf8) != nil else {
            throw LoadError(.badData, file: file, "is not valid UTF-8 text")
        }
        do {
            return try JSONParser.parse(Array(data))
        } catch {
            if let path = error.path {
                throw LoadError(.badData, file: file, location: path, "\(error.message) (at line \(error.line), column \(error.column)); each key may appear once")
            }
            throw LoadError(.badData, file: file, location: "line \(error.line), column \(error.column)", "is not valid JSON: \(error.message)")
        }
    }

    /// Parses strictly, then decodes.
    static func load<T: Decodable>(_ type: T.Type, from data: Data, file: String) throws(LoadError) -> T {
        try decodeTree(type, from: try parse(data, file: file), data: data, file: file)
    }

    /// Decodes `node`, the strict parser's tree of `data`, without reading
    /// the bytes again; where that decoder is not sure (any error), decodes
    /// `data` with `decode`, so a failure's message, and what is accepted,
    /// are `JSONDecoder`'s.
    static func decodeTree<T: Decodable>(_ type: T.Type, from node: JSONNode, data: Data, file: String) throws(LoadError) -> T {
        if let value = try? JSONNodeDecoder.decode(type, from: node) { return value }
        return try decode(type, from: data, file: file)
    }

    /// Decodes text the strict parser has accepted into a Codable value.
    static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String) throws(LoadError) -> T {
        let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch let error as DecodingError {
            throw describe(error, file: file)
        } catch {
            throw LoadError(.badData, file: file, "cannot be decoded: \(error.localizedDescription)")
        }
    }

    static func describe(_ error: DecodingError, file: String) -> LoadError {
        switch error {
        case .keyNotFound(let key, let context):
            return LoadError(.badData, file: file, location: jsonPath(context.codingPath + [key]), "missing required key \"\(key.stringValue)\"")
        case .valueNotFound(let type, let context):
            return LoadError(.badData, file: file, location: jsonPath(context.codingPath), "null or missing where \(kindName(type)) is required")
        case .typeMismatch(let type, let context):
            return LoadError(.badData, file: file, location: jsonPath(context.codingPath), "expected \(kindName(type)), found \(foundName(context.debugDescription))")
        case .dataCorrupted(let context):
            return LoadError(.badData, file: file, location: jsonPath(context.codingPath), context.debugDescription)
        @unknown default:
            return LoadError(.badData, file: file, "cannot be decoded")
        }
    }

    static func kindName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type: return "a whole number"
        case is Bool.Type: return "true or false"
        case is [Any].Type: return "an array"
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "an object"
        }
    }

    static func foundName(_ debugDescription: String) -> String {
        let lower = debugDescription.lowercased()
        for (needle, name) in [("string", "a string"), ("number", "a number"), ("bool", "true or false"), ("array", "an array"), ("dictionary", "an object"), ("null", "null")] {
            if let foundRange = lower.range(of: "found"), lower[foundRange.upperBound...].contains(needle) {
                return name
            }
        }
        return "something else"
    }

}

/// What a path is when it is not a regular file or a folder: a FIFO or a
/// device read as a file fails with a misleading "permission" error, or
/// never ends (/dev/zero).
enum FileKind {
    static func special(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return name(info.st_mode)
    }

    static func name(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return nil
        }
    }
}
