/// `check` as JSON, CSV and a table.
public enum CheckReport {
    public static func json(_ findings: [Finding]) -> String {
        JSONValue.array(findings.map { finding in
            .object([
                ("contract", .string(finding.contractID)),
                ("alias", .string(finding.alias)),
                ("severity", .string(finding.severity.rawValue)),
                ("code", .string(finding.code)),
                ("clause", .string(finding.clause)),
                ("message", .string(finding.message)),
            ])
        }).rendered() + "\n"
    }

    public static func csv(_ findings: [Finding]) -> String {
        CSV.render(header: ["contract", "alias", "severity", "code", "clause", "message"], rows: findings.map {
            [$0.contractID, $0.alias, $0.severity.rawValue, $0.code, $0.clause, $0.message]
        })
    }

    /// One line per finding, `alias: clause: severity: code: message`, like a compiler;
    /// with `width`, a longer line folds, its continuation indented.
    public static func text(_ findings: [Finding], checked: [Contract], width: Int? = nil) -> String {
        var text = ""
        let byContract = Dictionary(grouping: findings, by: \.contractID)
        for contract in checked {
            let own = byContract[contract.id] ?? []
            let errors = own.filter { $0.severity == .error }.count
            let warnings = own.filter { $0.severity == .warning }.count
            text += "\(contract.alias) (\(contract.id)): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n"
            for finding in own {
                text += Table.wrap("  \(finding.severity.rawValue): [\(finding.code)] \(finding.clause): \(finding.message)", width: width, indent: 4) + "\n"
            }
        }
        return text
    }
}
