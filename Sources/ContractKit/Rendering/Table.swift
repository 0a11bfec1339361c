/// A plain-text table: columns padded to the widest cell, measured in
/// terminal columns (a Chinese character takes two), amounts right-aligned.
public struct Table {
    public enum Alignment { case left, right }

    public struct Column {
        public var title: String
        public var alignment: Alignment
        /// Whether its cells may be folded onto several lines, at spaces,
        /// so that the table fits the width it is rendered for.
        public var folds: Bool
        public init(_ title: String, _ alignment: Alignment = .left, folds: Bool = false) {
            self.title = title
            self.alignment = alignment
            self.folds = folds
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

    /// The table as text; with `width`, the folding columns share what the
    /// others leave of it (at least `Table.narrowest` columns each, so a table with many wide columns may still be wider), and
    /// their cells fold onto as many lines as they need.
    public func rendered(width: Int? = nil) -> String {
        var widths = columns.map { displayWidth($0.title) }
        for case .cells(let cells) in rows {
            for (index, cell) in cells.enumerated() where index < widths.count {
                widths[index] = max(widths[index], displayWidth(cell))
            }
        }
        let folding = columns.indices.filter { columns[$0].folds }
        var rows = self.rows
        if let width, !folding.isEmpty, widths.reduce(0, +) + 2 * (columns.count - 1) > width {
            let fixed = columns.indices.filter { !columns[$0].folds }.map { widths[$0] }.reduce(0, +) + 2 * (columns.count - 1)
            let share = max(Table.narrowest, (width - fixed) / folding.count)
            for index in folding { widths[index] = min(widths[index], max(share, displayWidth(columns[index].title))) }
            rows = rows.flatMap { row -> [Row] in
                guard case .cells(let cells) = row else { return [row] }
                var folded: [Int: [String]] = [:]
                for index in folding where index < cells.count { folded[index] = Table.fold(cells[index], width: widths[index]) }
                let height = folded.values.map(\.count).max() ?? 1
                return (0..<max(height, 1)).map { part in
                    .cells(cells.indices.map { index in
                        if let pieces = folded[index] { return part < pieces.count ? pieces[part] : "" }
                        return part == 0 ? cells[index] : ""
                    })
                }
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

    /// The fewest columns a folding column is given.
    public static let narrowest = 16

    /// `text` in lines of at most `width` terminal columns, broken at
    /// spaces and at its line breaks; a word wider than that is cut where
    /// it must be.
    static func fold(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        func push(_ word: Substring) {
            var word = String(word)
            while displayWidth(word) > width {
                var head = ""
                for character in word {
                    if displayWidth(head + String(character)) > width { break }
                    head.append(character)
                }
                if head.isEmpty { break }
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(head)
                word.removeFirst(head.count)
            }
            if current.isEmpty {
                current = word
            } else if displayWidth(current) + 1 + displayWidth(word) <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = word
            }
        }
        for (index, paragraph) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index > 0 { lines.append(current); current = "" }
            for word in paragraph.split(separator: " ") { push(word) }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
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
