/// A right or a money consequence a clause attaches to an event: a right to
/// terminate, a refund or its refusal, costs one party bears. The ledger
/// records the event; no amount is computed from these terms, and where the
/// document does not state an amount none is invented (`amountStated`).
public struct Remedy: Codable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// The party may terminate (解除, 终止).
        case terminate
        /// Nothing paid is refunded (不予退还).
        case noRefund
        /// The supplier returns the whole price (全额退还).
        case fullRefund
        /// Only part of the fees is paid: a share, or up to the termination day.
        case partPayment
        /// The other party's costs of collecting the debt (追讨欠费支出的各项费用).
        case collectionCosts
        /// The other party's costs of litigation (诉讼费、律师代理费 ...).
        case litigationCosts
        /// A third party's fees for doing the work, deducted from payments.
        case replacementCost
        /// A penalty the clause names but whose amount it leaves to another document.
        case penalty
        /// Repayment of an amount one party paid first on the other's behalf.
        case repayment
        /// Costs outside the price (配件费用).
        case excludedFromPrice
        /// The service period is extended (顺延, 延长).
        case periodExtended
        /// The parties negotiate whether to go on (协商确定是否继续履行): no
        /// right to terminate is given.
        case negotiate
    }
    public var id: String
    public var clause: String
    public var kind: Kind
    /// The party holding the right or bearing the cost.
    public var party: ObligedParty
    /// What gives rise to it, in the document's words.
    public var when: String
    /// How long the cause must last first (force majeure 30 days, 100 days overdue).
    public var lasting: PeriodSpec?
    /// The notice the right needs.
    public var notice: PeriodSpec?
    /// The share paid or owed (90% of reasonable fees).
    public var share: Percent?
    /// False where the document leaves the amount to another document.
    public var amountStated: Bool?
    /// The document's words, quoted.
    public var text: String
}
