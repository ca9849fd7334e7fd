import Foundation
import Synchronization

extension Array where Element: Sendable {
    /// `map` on every core: the elements are transformed in chunks of `chunk`, each chunk on whichever core is free,
    /// and come back in order. The first error thrown is rethrown once every chunk has finished.
    public func concurrentMap<Value: Sendable, Failure: Error>(chunk: Int, _ transform: @Sendable (Element) throws(Failure) -> Value) throws(Failure) -> [Value] {
        guard count > chunk else { return try map(transform) }
        let chunks = (count + chunk - 1) / chunk
        let done = Mutex<[Int: Result<[Value], Failure>]>([:])
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            let part = Result { () throws(Failure) in try self[(index * chunk)..<Swift.min(count, (index + 1) * chunk)].map(transform) }
            done.withLock { $0[index] = part }
        }
        let parts = done.withLock { $0 }
        var values: [Value] = []
        values.reserveCapacity(count)
        for index in 0..<chunks { values += try parts[index]!.get() }
        return values
    }
}
