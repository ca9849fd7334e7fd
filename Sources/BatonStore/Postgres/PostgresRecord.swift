import NIOCore
import PostgresNIO

/// A row selected as one PostgreSQL record, `SELECT ROW(a, b, …)`, and read by position from the record's binary
/// form. A wide row read cell by cell costs a `PostgresCell` (a retained buffer and column name) and a generic
/// decode per column; a record is one buffer whose fields are located once, then read in place. Reads BIGINT,
/// TEXT and DOUBLE PRECISION fields, the types the wide report tables use. A class, so that handing it from one
/// reader to the next retains it once rather than copying its buffer and field list.
final class PostgresRecord: PostgresDecodable, Sendable {
    /// The record's bytes.
    private let buffer: ByteBuffer
    /// Each field's type, where its bytes start in `buffer` and how many there are (-1 for NULL).
    private let fields: [(type: PostgresDataType, start: Int, length: Int)]

    required init<JSONDecoder: PostgresJSONDecoder>(
        from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat, context: PostgresDecodingContext<JSONDecoder>
    ) throws {
        // `get…(at:)` reads only the readable bytes: keep the buffer as it was before reading it.
        let whole = buffer
        // record_send: the field count, then per field its type oid, its length (-1 for NULL) and its bytes.
        // A field takes at least its 8-byte header: a count larger than the bytes left is refused, not allocated.
        guard format == .binary, type == .record, let count = buffer.readInteger(as: Int32.self), count >= 0, Int(count) * 8 <= buffer.readableBytes else {
            throw PostgresDecodingError.Code.typeMismatch
        }
        var fields: [(type: PostgresDataType, start: Int, length: Int)] = []
        fields.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let oid = buffer.readInteger(as: UInt32.self), let length = buffer.readInteger(as: Int32.self), length >= -1 else {
                throw PostgresDecodingError.Code.failure
            }
            fields.append((PostgresDataType(oid), buffer.readerIndex, Int(length)))
            if length > 0 {
                guard buffer.readableBytes >= Int(length) else { throw PostgresDecodingError.Code.failure }
                buffer.moveReaderIndex(forwardBy: Int(length))
            }
        }
        self.buffer = whole
        self.fields = fields
    }

    /// A BIGINT field; nil when NULL.
    func integer(_ index: Int) throws -> Int64? {
        let field = try self.field(index)
        guard field.length >= 0 else { return nil }
        guard field.type == .int8, field.length == 8, let value = buffer.getInteger(at: field.start, as: Int64.self) else {
            throw PostgresDecodingError.Code.typeMismatch
        }
        return value
    }

    /// A TEXT field; nil when NULL.
    func text(_ index: Int) throws -> String? {
        let field = try self.field(index)
        guard field.length >= 0 else { return nil }
        guard field.type == .text, let value = buffer.getString(at: field.start, length: field.length) else {
            throw PostgresDecodingError.Code.typeMismatch
        }
        return value
    }

    /// A DOUBLE PRECISION field; nil when NULL.
    func real(_ index: Int) throws -> Double? {
        let field = try self.field(index)
        guard field.length >= 0 else { return nil }
        guard field.type == .float8, field.length == 8, let bits = buffer.getInteger(at: field.start, as: UInt64.self) else {
            throw PostgresDecodingError.Code.typeMismatch
        }
        return Double(bitPattern: bits)
    }

    private func field(_ index: Int) throws -> (type: PostgresDataType, start: Int, length: Int) {
        guard fields.indices.contains(index) else { throw PostgresDecodingError.Code.missingData }
        return fields[index]
    }
}
