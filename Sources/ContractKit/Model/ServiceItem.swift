/// One line of a service inventory (服务内容清单).
public struct ServiceItem: Codable, Sendable, Hashable {
    /// The line number in the document.
    public var no: Int?
    /// The category path as written ("医管中心 X86-基础设施-计算资源服务-CPU-CPU"),
    /// which identifies the item across versions of a contract.
    public var path: String
    public var site: String?
    public var unit: String
    public var quantity: Quantity
    public var clause: String
}
