import Foundation

/// A min-heap of timed events (the capacity simulation's, the backtest's closing leads): the earliest first, ties in
/// the order they were added, so a run is the same every time.
struct EventQueue<Event> {
    private var heap: [(at: Date, order: Int, event: Event)] = []
    private var added = 0

    var isEmpty: Bool { heap.isEmpty }

    /// When the earliest event is due, without taking it.
    var nextTime: Date? { heap.first?.at }

    mutating func push(_ event: Event, at time: Date) {
        heap.append((time, added, event))
        added += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.before(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (at: Date, event: Event)? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let first = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count, Self.before(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count, Self.before(heap[right], heap[smallest]) { smallest = right }
            guard smallest != parent else { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
        return (first.at, first.event)
    }

    private static func before(_ a: (at: Date, order: Int, event: Event), _ b: (at: Date, order: Int, event: Event)) -> Bool {
        (a.at, a.order) < (b.at, b.order)
    }
}

extension EventQueue: Sendable where Event: Sendable {}
