import Foundation

/// Decodes a JSON document into a Codable value and turns every failure
/// into a `LoadError` naming the file and where in it the problem is.
enum JSONFile {
    static func read(_ url: URL, displayName: String) throws(LoadError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw LoadError(.noInput, file: displayName, "no such file")
        }
        guard !isDirectory.boolValue else {
            throw LoadError(.badData, file: displayName, "is a folder, expected a JSON file")
        }
        do {
            return try Data(contentsOf: url)
        } catch {
            throw LoadError(.io, file: displayName, "cannot be read: \(error.localizedDescription)")
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String) throws(LoadError) -> T {
        if data.isEmpty {
            throw LoadError(.badData, file: file, "the file is empty, expected a JSON object")
        }
        guard String(data: data, encoding: .utf8) != nil else {
            throw LoadError(.badData, file: file, "is not valid UTF-8 text")
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw describe(error, data: data, file: file)
        } catch {
            throw LoadError(.badData, file: file, "cannot be decoded: \(error.localizedDescription)")
        }
    }

    static func describe(_ error: DecodingError, data: Data, file: String) -> LoadError {
        switch error {
        case .keyNotFound(let key, let context):
            return LoadError(.badData, file: file, location: jsonPath(context.codingPath + [key]), "missing required key \"\(key.stringValue)\"")
        case .valueNotFound(let type, let context):
            return LoadError(.badData, file: file, location: jsonPath(context.codingPath), "null or missing where \(kindName(type)) is required")
        case .typeMismatch(let type, let context):
            return LoadError(.badData, file: file, location: jsonPath(context.codingPath), "expected \(kindName(type)), found \(foundName(context.debugDescription))")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty, context.underlyingError != nil || context.debugDescription.contains("JSON") {
                return syntaxError(data: data, file: file)
            }
            return LoadError(.badData, file: file, location: jsonPath(context.codingPath), context.debugDescription)
        @unknown default:
            return LoadError(.badData, file: file, "cannot be decoded")
        }
    }

    /// JSONDecoder says only "not valid JSON"; JSONSerialization names the
    /// place, which is turned into a line and column.
    static func syntaxError(data: Data, file: String) -> LoadError {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return LoadError(.badData, file: file, "is not valid JSON")
        } catch {
            let nsError = error as NSError
            var detail = (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? nsError.localizedDescription
            while detail.hasSuffix(".") { detail.removeLast() }
            let offset = characterOffset(in: detail) ?? (detail.contains("end of file") ? data.count : nil)
            if let offset {
                let (line, column) = lineAndColumn(of: offset, in: data)
                return LoadError(.badData, file: file, location: "line \(line), column \(column)", "is not valid JSON (\(lowercasedFirst(detail)))")
            }
            return LoadError(.badData, file: file, "is not valid JSON (\(lowercasedFirst(detail)))")
        }
    }

    /// The number after "character" in "... around character 46."
    static func characterOffset(in text: String) -> Int? {
        guard let range = text.range(of: "character ") else { return nil }
        let digits = text[range.upperBound...].prefix { $0.isNumber }
        return Int(digits)
    }

    static func lineAndColumn(of offset: Int, in data: Data) -> (Int, Int) {
        var line = 1
        var column = 1
        for (index, byte) in data.enumerated() {
            if index >= offset { break }
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
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

    static func lowercasedFirst(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.lowercased() + text.dropFirst()
    }
}
