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
        /// The fewest columns a folding column is given (`Table.narrowest`
        /// unless said).
        public var narrowest: Int
        /// Whether, when the table is wider than its width, its cells leave
        /// the grid and go on a line under their row, as "title: cell"
        /// (a cell "-", none, left out).
        public var movesUnder: Bool
        public init(_ title: String, _ alignment: Alignment = .left, folds: Bool = false, narrowest: Int = Table.narrowest, movesUnder: Bool = false) {
            self.title = title
            self.alignment = alignment
            self.folds = folds
            self.narrowest = narrowest
            self.movesUnder = movesUnder
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
    /// Whether a column whose cells are all empty is left out.
    public var omitsEmptyColumns = false

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
        var table = self
        if omitsEmptyColumns {
            let kept = columns.indices.filter { index in
                rows.contains { row in
                    guard case .cells(let cells) = row else { return false }
                    return index < cells.count && !cells[index].isEmpty
                }
            }
            table.columns = kept.map { columns[$0] }
            table.rows = rows.map { row in
                guard case .cells(let cells) = row else { return row }
                return .cells(kept.map { $0 < cells.count ? cells[$0] : "" })
            }
            table.omitsEmptyColumns = false
        }
        guard let width, table.columns.contains(where: \.movesUnder), table.naturalWidth > width else { return table.fitted(width: width) }
        // The columns that move go under their row, each row's on one line
        // (folded when longer), indented under the second column.
        let moving = table.columns.indices.filter { table.columns[$0].movesUnder }
        let staying = table.columns.indices.filter { !table.columns[$0].movesUnder }
        var grid = Table(staying.map { table.columns[$0] }, header: table.header)
        var under: [Int: [String]] = [:]
        for row in table.rows {
            guard case .cells(let cells) = row else { grid.addSeparator(); continue }
            grid.add(staying.map { $0 < cells.count ? cells[$0] : "" })
            let pairs = moving.compactMap { index -> String? in
                // "-" says there is none, which a line of its own need not say.
                guard index < cells.count, !cells[index].isEmpty, cells[index] != "-" else { return nil }
                return "\(Table.label(table.columns[index].title)): \(cells[index])"
            }
            if !pairs.isEmpty { under[grid.rows.count - 1] = pairs }
        }
        let indent = 4
        var lines = grid.fitted(width: width).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The grid's lines: the header (two), then one or more per row.
        var out: [String] = []
        let headerLines = grid.header ? 2 : 0
        out += lines.prefix(headerLines)
        lines.removeFirst(min(headerLines, lines.count))
        let perRow = grid.foldedHeights(width: width)
        var position = 0
        for (index, height) in perRow.enumerated() {
            out += lines[position..<min(position + height, lines.count)]
            position += height
            guard let pairs = under[index] else { continue }
            var current = ""
            for pair in pairs {
                for piece in Table.fold(pair, width: max(width - indent, Table.narrowest)) {
                    if current.isEmpty {
                        current = piece
                    } else if indent + displayWidth(current) + 2 + displayWidth(piece) <= width {
                        current += "  " + piece
                    } else {
                        out.append(String(repeating: " ", count: indent) + current)
                        current = piece
                    }
                }
            }
            if !current.isEmpty { out.append(String(repeating: " ", count: indent) + current) }
        }
        out += lines[min(position, lines.count)...]
        return out.joined(separator: "\n")
    }

    /// A column's title as the label of a cell under its row: in lower
    /// case but for what is in brackets ("IF BELOW (CNY)" -> "if below (CNY)").
    static func label(_ title: String) -> String {
        var depth = 0
        return String(title.map { character -> Character in
            if character == "(" { depth += 1 } else if character == ")" { depth = max(0, depth - 1) }
            return depth > 0 ? character : Character(character.lowercased())
        })
    }

    /// The width of the table unfolded.
    var naturalWidth: Int {
        naturalWidths.reduce(0, +) + 2 * (columns.count - 1)
    }

    var naturalWidths: [Int] {
        var widths = columns.map { displayWidth($0.title) }
        for case .cells(let cells) in rows {
            for (index, cell) in cells.enumerated() where index < widths.count {
                widths[index] = max(widths[index], displayWidth(cell))
            }
        }
        return widths
    }

    /// How many lines each row takes at `width`, in the order of `rows`.
    func foldedHeights(width: Int?) -> [Int] {
        let widths = foldedWidths(width: width)
        let folding = columns.indices.filter { columns[$0].folds }
        guard let width, !folding.isEmpty, naturalWidth > width else { return rows.map { _ in 1 } }
        return rows.map { row in
            guard case .cells(let cells) = row else { return 1 }
            return max(1, folding.filter { $0 < cells.count }.map { Table.fold(cells[$0], width: widths[$0]).count }.max() ?? 1)
        }
    }

    /// The width of each column at `width`: the folding columns share
    /// what the others leave, each at least its `narrowest` (or its widest
    /// cell, when narrower), what one needs less of going to the others.
    func foldedWidths(width: Int?) -> [Int] {
        var widths = naturalWidths
        let folding = columns.indices.filter { columns[$0].folds }
        guard let width, !folding.isEmpty, naturalWidth > width else { return widths }
        let fixed = columns.indices.filter { !columns[$0].folds }.map { widths[$0] }.reduce(0, +) + 2 * (columns.count - 1)
        let natural = widths
        var given: [Int: Int] = [:]
        for index in folding { given[index] = min(natural[index], max(columns[index].narrowest, displayWidth(columns[index].title))) }
        var left = width - fixed - given.values.reduce(0, +)
        while left > 0 {
            let hungry = folding.filter { (given[$0] ?? 0) < natural[$0] }
            guard !hungry.isEmpty else { break }
            let share = max(1, left / hungry.count)
            for index in hungry where left > 0 {
                let more = min(share, natural[index] - (given[index] ?? 0), left)
                given[index, default: 0] += more
                left -= more
            }
        }
        for index in folding { widths[index] = given[index] ?? widths[index] }
        return widths
    }

    /// The table in its grid, folding columns folded to fit `width`.
    func fitted(width: Int?) -> String {
        var widths = columns.map { displayWidth($0.title) }
        for case .cells(let cells) in rows {
            for (index, cell) in cells.enumerated() where index < widths.count {
                widths[index] = max(widths[index], displayWidth(cell))
            }
        }
        let folding = columns.indices.filter { columns[$0].folds }
        var rows = self.rows
        if let width, !folding.isEmpty, widths.reduce(0, +) + 2 * (columns.count - 1) > width {
            widths = foldedWidths(width: width)
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

    /// `line` folded at spaces to `width` terminal columns, the lines after
    /// the first indented by `indent` spaces; without a width, as it is.
    public static func wrap(_ line: String, width: Int?, indent: Int = 2) -> String {
        guard let width, displayWidth(line) > width else { return line }
        let lead = line.prefix { $0 == " " }.count
        let lines = fold(String(line.dropFirst(lead)), width: max(width - max(lead, indent), narrowest))
        return lines.enumerated().map { String(repeating: " ", count: $0.offset == 0 ? lead : indent) + $0.element }.joined(separator: "\n")
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
