extension Sequence {
    /// The elements grouped by `key`: the groups in the order their keys
    /// first appear, each group's elements in their order. One pass, where
    /// a filter for each key would take time in the square of the count
    /// (10,000 contracts' lines in a report).
    func groupedInOrder<Key: Hashable>(by key: (Element) -> Key) -> [(key: Key, items: [Element])] {
        var position: [Key: Int] = [:]
        var groups: [(key: Key, items: [Element])] = []
        for element in self {
            let name = key(element)
            if let index = position[name] {
                groups[index].items.append(element)
            } else {
                position[name] = groups.count
                groups.append((name, [element]))
            }
        }
        return groups
    }
}
