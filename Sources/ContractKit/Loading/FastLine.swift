/// Reads a ledger line as `record` writes it, straight from its bytes into
/// `EventLine.Values`, without a JSON tree: one flat object of known keys
/// whose strings carry no escapes and whose numbers are whole.
///
/// It is only a shortcut. Whatever it does not recognise (an escape, a
/// nested object, an unknown or repeated key, a number with a fraction,
/// bad syntax) it declines with nil, and the line is read by the full
/// parser, which gives the message. So a line it accepts is one the full
/// parser reads to the same values, and every error comes from one place.
///
/// `keeping`: a bit per `EventLine.Key` whose value the caller reads. Any
/// other key must hold a plain string (else the line is declined), and it
/// counts as present (a repeat is still refused), but no string is made of
/// it: the loader does not keep the chain's 64-digit `prev` and `hash`,
/// which `verify` and the cache check from the line's bytes.
enum FastLine {
    static func values(_ line: ArraySlice<UInt8>, keeping: UInt64 = .max) -> EventLine.Values? {
        line.withUnsafeBufferPointer { values($0, keeping: keeping) }
    }

    static func values(_ bytes: UnsafeBufferPointer<UInt8>, keeping: UInt64 = .max) -> EventLine.Values? {
        var reader = Reader(bytes: bytes, keeping: keeping)
        return reader.object()
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let keeping: UInt64
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>, keeping: UInt64) {
            self.bytes = bytes
            self.keeping = keeping
        }

        mutating func skipSpace() {
            while index < bytes.count {
                let byte = bytes[index]
                guard byte == 0x20 || byte == 0x09 else { return }
                index += 1
            }
        }

        mutating func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// The range of a string's contents (after its opening quote), when
        /// it holds no escape and no control character.
        mutating func plainString() -> Range<Int>? {
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return start..<(index - 1)
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                index += 1
            }
            return nil
        }

        mutating func object() -> EventLine.Values? {
            guard take(UInt8(ascii: "{")) else { return nil }
            var values = EventLine.Values()
            if take(UInt8(ascii: "}")) { return end() ? values : nil }
            while true {
                guard take(UInt8(ascii: "\"")), let keyRange = plainString(), let key = key(keyRange),
                      take(UInt8(ascii: ":")) else { return nil }
                if keeping & (UInt64(1) << UInt64(key.rawValue)) == 0 {
                    guard skipString(), values.mark(key) else { return nil }
                } else {
                    guard let value = value(), values.set(key, value) else { return nil }
                }
                if take(UInt8(ascii: ",")) { continue }
                guard take(UInt8(ascii: "}")), end() else { return nil }
                return values
            }
        }

        mutating func end() -> Bool {
            skipSpace()
            return index == bytes.count
        }

        func key(_ range: Range<Int>) -> EventLine.Key? {
            let count = range.count
            guard count > 0 else { return nil }
            let first = bytes[range.lowerBound]
            for (position, name) in EventLine.Key.bytes.enumerated() where name.count == count && name[0] == first {
                var same = true
                for offset in 1..<count where name[offset] != bytes[range.lowerBound + offset] {
                    same = false
                    break
                }
                if same { return EventLine.Key(rawValue: position) }
            }
            return nil
        }

        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }

        /// A plain string, passed over without making it. Anything else is
        /// declined (false), so the full parser judges it: a key the caller
        /// does not read is still one `EventLine` checks to be a string.
        mutating func skipString() -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return false }
            index += 1
            return plainString() != nil
        }

        mutating func value() -> JSONNode? {
            skipSpace()
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                return plainString().map { .string(text($0)) }
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return wholeNumber()
            case UInt8(ascii: "t"):
                return word("true") ? .bool(true) : nil
            case UInt8(ascii: "f"):
                return word("false") ? .bool(false) : nil
            case UInt8(ascii: "n"):
                return word("null") ? .null : nil
            default:
                return nil
            }
        }

        /// `-?digits`, no leading zero, that fits an Int: what the loader
        /// counts as a whole number. Anything else goes to the full parser.
        mutating func wholeNumber() -> JSONNode? {
            let start = index
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            let digits = index
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
            let count = index - digits
            guard count > 0, count <= 18, !(count > 1 && bytes[digits] == UInt8(ascii: "0")) else { return nil }
            if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) { return nil }
            return .number(text(start..<index))
        }

        mutating func word(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard bytes.count - index >= count else { return false }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
            index += count
            return true
        }
    }
}
