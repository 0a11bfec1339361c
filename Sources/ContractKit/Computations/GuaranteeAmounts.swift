enum GuaranteeAmounts {
    /// A guarantee's amount: its share of the contract total, or its stated amount.
    static func amount(of guarantee: Guarantee, in contract: Contract) -> Money {
        if let share = guarantee.share { return contract.price.total.amount.times(share) }
        return guarantee.amount ?? .zero
    }
}
