/// A plain-text table: columns padded to the widest cell, measured in
/// terminal columns (a Chinese character takes two), amounts right-aligned.
public struct Table {
    public enum Alignment { case left, right }

    public struct Column {
        public var title: String
        public var alignment: Alignment
        public init(_ title: String, _ alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    public enum Row {
        case cells([String])
        /// A rule across the table.
        case separator
    }

    public var columns: [Column]
    public var rows: [Row] = []
    /// Whether the titles and the rule under them are drawn.
    public var header = true

    public init(_ columns: [Column], header: Bool = true) {
        self.columns = columns
        self.header = header
    }

    public mutating func add(_ cells: [String]) { rows.append(.cells(cells)) }
    public mutating func addSeparator() { rows.append(.separator) }

    public func rendered() -> String {
        var widths = columns.map { displayWidth($0.title) }
        for case .cells(let cells) in rows {
            for (index, cell) in cells.enumerated() where index < widths.count {
                widths[index] = max(widths[index], displayWidth(cell))
            }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (index, column) in columns.enumerated() {
                let cell = index < cells.count ? cells[index] : ""
                let padding = String(repeating: " ", count: widths[index] - displayWidth(cell))
                parts.append(column.alignment == .right ? padding + cell : cell + padding)
            }
            return trimmedRight(parts.joined(separator: "  "))
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        var lines = header ? [line(columns.map(\.title)), rule] : []
        for row in rows {
            switch row {
            case .cells(let cells): lines.append(line(cells))
            case .separator: lines.append(rule)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func trimmedRight(_ text: String) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return text
    }
}

/// Terminal columns a string takes: East Asian wide and fullwidth
/// characters take two, combining marks none.
public func displayWidth(_ text: String) -> Int {
    var width = 0
    for scalar in text.unicodeScalars {
        let v = scalar.value
        switch v {
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: break
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            width += 2
        default:
            width += 1
        }
    }
    return width
}
