import Foundation

/// Encodes `Encodable` values straight into JSON text, in one pass, as `JSONEncoder` with
/// `.millisecondsSince1970` dates would: the store writes every lead this way on every change.
///
/// Foundation's encoder first builds a tree of boxed values and then serialises it; this one appends to a string
/// as the value's `encode(to:)` runs. A container is closed when the value that opened it has finished encoding
/// (or, for a nested container, when its parent writes its next element). `JSONDecoder` reads the result.
public struct JSONTextEncoder: Sendable {
    public init() {}

    public func encode<T: Encodable>(_ value: T) throws -> String {
        let output = JSONOutput()
        try output.write(value, at: .root)
        return output.text
    }
}

/// The text being written, shared by every encoder and container of one value.
final class JSONOutput {
    var text = ""

    init() { text.reserveCapacity(2048) }

    /// Writes one value: plain values directly, others through their `encode(to:)`. Types are compared before
    /// anything is cast (a cast to a protocol existential costs a conformance lookup per value).
    func write<T: Encodable>(_ value: T, at path: CodingPathNode) throws {
        if T.self == String.self {
            JSONText.appendString(value as! String, to: &text)
        } else if T.self == Date.self {
            try write((value as! Date).timeIntervalSince1970 * 1000, at: path)
        } else if T.self == Double.self {
            try write(value as! Double, at: path)
        } else if T.self == Int.self {
            text += String(value as! Int)
        } else if T.self == Int64.self {
            text += String(value as! Int64)
        } else if T.self == Bool.self {
            text += (value as! Bool) ? "true" : "false"
        } else if T.self == Float.self {
            try write(Double(value as! Float), at: path)
        } else if Self.otherIntegers.contains(ObjectIdentifier(T.self)) {
            text += String(describing: value)
        } else {
            let encoder = StreamingJSONEncoder(output: self, path: path)
            try value.encode(to: encoder)
            encoder.finish()
        }
    }

    private static let otherIntegers: Set<ObjectIdentifier> = [
        ObjectIdentifier(Int8.self), ObjectIdentifier(Int16.self), ObjectIdentifier(Int32.self), ObjectIdentifier(UInt.self),
        ObjectIdentifier(UInt8.self), ObjectIdentifier(UInt16.self), ObjectIdentifier(UInt32.self), ObjectIdentifier(UInt64.self),
    ]

    func write(_ number: Double, at path: CodingPathNode) throws {
        guard number.isFinite else {
            throw EncodingError.invalidValue(number, EncodingError.Context(codingPath: path.codingPath, debugDescription: "\(number) has no JSON form"))
        }
        if number == number.rounded(), abs(number) < 1e15 { text += String(Int64(number)) } else { text += String(number) }
    }

    func writeKey(_ key: any CodingKey) {
        JSONText.appendString(key.stringValue, to: &text)
        text += ":"
    }
}

/// The `Encoder` handed to one value; it opens at most one container and closes it in `finish()`.
final class StreamingJSONEncoder: Encoder {
    enum Container { case none, keyed, unkeyed, single }

    let output: JSONOutput
    let path: CodingPathNode
    var codingPath: [any CodingKey] { path.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    private(set) var container = Container.none
    private var finished = false
    /// Elements written into the open container.
    var count = 0
    /// A nested container still open inside this one; closed before the next element.
    var openChild: StreamingJSONEncoder?

    init(output: JSONOutput, path: CodingPathNode) {
        self.output = output
        self.path = path
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        open(.keyed, "{")
        return KeyedEncodingContainer(KeyedJSONContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        open(.unkeyed, "[")
        return UnkeyedJSONContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        container = .single
        return SingleJSONContainer(encoder: self)
    }

    /// Starts the next element of the open container: closes a nested child and writes the separator.
    func beginElement() {
        openChild?.finish()
        openChild = nil
        if count > 0 { output.text += "," }
        count += 1
    }

    /// A child encoder for a nested container or super encoder, closed when this container moves on.
    func child(at key: any CodingKey) -> StreamingJSONEncoder {
        let child = StreamingJSONEncoder(output: output, path: CodingPathNode(parent: self, key: key))
        openChild = child
        return child
    }

    /// Closes the container; a value that encoded nothing becomes `{}`, as with `JSONEncoder`.
    func finish() {
        guard !finished else { return }
        finished = true
        openChild?.finish()
        openChild = nil
        switch container {
        case .keyed: output.text += "}"
        case .unkeyed: output.text += "]"
        case .single: break
        case .none: output.text += "{}"
        }
    }

    private func open(_ kind: Container, _ bracket: String) {
        guard container == .none else { return }
        container = kind
        output.text += bracket
    }
}

private struct KeyedJSONContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: StreamingJSONEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil(forKey key: Key) throws {
        begin(key)
        encoder.output.text += "null"
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        begin(key)
        try encoder.output.write(value, at: CodingPathNode(parent: encoder, key: key))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        begin(key)
        return encoder.child(at: key).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        begin(key)
        return encoder.child(at: key).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        begin(key)
        return encoder.child(at: key)
    }

    private func begin(_ key: Key) {
        encoder.beginElement()
        encoder.output.writeKey(key)
    }
}

private struct UnkeyedJSONContainer: UnkeyedEncodingContainer {
    let encoder: StreamingJSONEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { encoder.count }

    mutating func encodeNil() throws {
        encoder.beginElement()
        encoder.output.text += "null"
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.beginElement()
        try encoder.output.write(value, at: CodingPathNode(parent: encoder, key: IndexKey(count - 1)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        encoder.beginElement()
        return encoder.child(at: IndexKey(count - 1)).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        encoder.beginElement()
        return encoder.child(at: IndexKey(count - 1)).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        encoder.beginElement()
        return encoder.child(at: IndexKey(count - 1))
    }
}

private struct SingleJSONContainer: SingleValueEncodingContainer {
    let encoder: StreamingJSONEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.output.text += "null" }

    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.output.write(value, at: encoder.path) }
}

/// Where a value sits: its container's encoder and its key. The coding path is put together only when asked for
/// (by an error), so encoding allocates no paths.
struct CodingPathNode {
    let parent: StreamingJSONEncoder?
    let key: (any CodingKey)?

    static var root: CodingPathNode { CodingPathNode(parent: nil, key: nil) }

    var codingPath: [any CodingKey] { (parent?.codingPath ?? []) + (key.map { [$0] } ?? []) }
}

/// The position of an array element in a coding path.
private struct IndexKey: CodingKey {
    let intValue: Int?
    var stringValue: String { String(intValue ?? 0) }

    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}
