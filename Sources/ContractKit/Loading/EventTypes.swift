/// The event types a ledger line may have, as `record TYPE` names them.
public enum EventTypes {
    /// Sorted, from the table the loader checks lines against.
    public static var names: [String] { EventLine.fields.keys.sorted() }
}
