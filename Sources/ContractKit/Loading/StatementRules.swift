import Foundation

/// A rules file for `import`: which column of a bank's statement holds
/// what, kept once per bank instead of typed as options each month.
///
///     {"columns": {"date": "交易日期", "debit": "借方发生额", "credit": "贷方发生额",
///                  "counterparty": "对方户名", "account": "对方账号",
///                  "reference": "摘要", "id": "流水号"}}
///
/// A column is its header, or its position as a number (1 is the first).
/// Any other key, or a value of another kind, is refused with its path;
/// every problem is reported, not only the first.
public enum StatementRules {
    public static func load(_ path: String) throws(LoadErrors) -> StatementLayout {
        let node: JSONNode
        do {
            node = try JSONFile.parse(try JSONFile.read(URL(fileURLWithPath: path), displayName: path), file: path)
        } catch {
            throw LoadErrors([error])
        }
        return try layout(from: node, file: path)
    }

    public static func layout(from node: JSONNode, file: String) throws(LoadErrors) -> StatementLayout {
        guard case .object(let members) = node else {
            throw LoadErrors([LoadError(.badData, file: file, location: "$", "expected an object with \"columns\", found \(node.kindName)")])
        }
        var layout = StatementLayout()
        var problems: [LoadError] = []
        for member in members {
            guard member.key == "columns" || member.key == "$schema" else {
                problems.append(LoadError(.badData, file: file, location: "$.\(member.key)", "unknown key; a rules file takes columns"))
                continue
            }
            guard member.key == "columns" else { continue }
            guard case .object(let columns) = member.value else {
                problems.append(LoadError(.badData, file: file, location: "$.columns", "expected an object of column names, found \(member.value.kindName)"))
                continue
            }
            for column in columns {
                let path = "$.columns.\(column.key)"
                guard StatementLayout.keys.contains(column.key) else {
                    problems.append(LoadError(.badData, file: file, location: path, "unknown key; columns takes " + StatementLayout.keys.joined(separator: ", ")))
                    continue
                }
                let text: String
                switch column.value {
                case .string(let name): text = name
                case .number(let number):
                    guard let position = Int(number), position >= 1 else {
                        problems.append(LoadError(.badData, file: file, location: path, "\(number): a column's position is a whole number from 1"))
                        continue
                    }
                    text = String(position)
                default:
                    problems.append(LoadError(.badData, file: file, location: path, "expected a column's header (a string) or its position (a number from 1), found \(column.value.kindName)"))
                    continue
                }
                guard let parsed = StatementLayout.Column(text) else {
                    problems.append(LoadError(.badData, file: file, location: path, "\"\(text)\": expected a column's header or its position, a whole number from 1"))
                    continue
                }
                layout[column.key] = parsed
            }
        }
        guard problems.isEmpty else { throw LoadErrors(problems) }
        return layout
    }
}
