import BatonCore
import Foundation
import NIOCore

/// The `lead.replay` column both stores keep beside each lead's record: the part of it a backtest replays
/// (`Backtest.Input`) in a compact binary form, written with the record and rebuilt from it by
/// `baton reports rebuild`. Decoding a record's JSON is most of a backtest's time over millions of leads; this
/// form reads in a few microseconds.
///
/// Version 1, big-endian: a version byte; id (Int64); source; sourceID?; submitted?; received; fields and extras
/// (a UInt32 count, then key and value each); activities (a count, then kind, at, title?, url?, minutes?);
/// accepted?; rejected?; disposition?; outcomes? (a count, then one byte per stage). A text is a UInt32 byte
/// count and its UTF-8; an optional is a byte 0 or 1 and the value; a time is the Double of milliseconds since 1970
/// the record's JSON holds, so both read back the same instant.
enum ReplayInputCodec {
    static let version: UInt8 = 1

    static func encode(_ input: Backtest.Input) -> Data {
        var out = ByteBuffer()
        out.writeInteger(version)
        out.writeInteger(input.id)
        write(input.source, to: &out)
        optional(input.sourceID, to: &out) { write($0, to: &$1) }
        optional(input.submittedAt, to: &out) { write($0, to: &$1) }
        write(input.receivedAt, to: &out)
        write(input.fields, to: &out)
        write(input.extras, to: &out)
        out.writeInteger(UInt32(input.activities.count))
        for activity in input.activities {
            write(activity.kind, to: &out)
            write(activity.at, to: &out)
            optional(activity.title, to: &out) { write($0, to: &$1) }
            optional(activity.url, to: &out) { write($0, to: &$1) }
            optional(activity.minutes, to: &out) { minutes, out in out.writeInteger(minutes.bitPattern) }
        }
        optional(input.acceptedAt, to: &out) { write($0, to: &$1) }
        optional(input.rejection?.at, to: &out) { write($0, to: &$1) }
        optional(input.dispositionAt, to: &out) { write($0, to: &$1) }
        optional(input.outcomes, to: &out) { outcomes, out in
            out.writeInteger(UInt32(outcomes.count))
            for outcome in outcomes { out.writeInteger(UInt8(stages.firstIndex(of: outcome.stage)!)) }
        }
        return Data(out.readableBytesView)
    }

    /// The input the bytes hold; throws `Unreadable` when they are cut short, hold more than one input, a count or a
    /// time that cannot be, or are not a version this build writes.
    static func decode(_ bytes: ByteBuffer) throws -> Backtest.Input {
        var bytes = bytes
        guard bytes.readInteger(as: UInt8.self) == version else { throw unreadable }
        let id: Int64 = try integer(&bytes)
        let source = try text(&bytes)
        let sourceID = try optional(&bytes, text)
        let submittedAt = try optional(&bytes, date)
        let receivedAt = try date(&bytes)
        let fields = try texts(&bytes)
        let extras = try texts(&bytes)
        var activities: [LeadActivity] = []
        // An activity takes at least 15 bytes: a count larger than the bytes left is damage, not a reason to allocate.
        let activityCount = try count(&bytes, each: 15)
        activities.reserveCapacity(activityCount)
        for _ in 0..<activityCount {
            let kind = try text(&bytes), at = try date(&bytes)
            let title = try optional(&bytes, text), url = try optional(&bytes, text)
            let minutes = try optional(&bytes) { bytes in Double(bitPattern: try integer(&bytes)) }
            activities.append(LeadActivity(kind: kind, at: at, title: title, url: url, minutes: minutes))
        }
        let acceptedAt = try optional(&bytes, date), rejectedAt = try optional(&bytes, date), dispositionAt = try optional(&bytes, date)
        let outcomes = try optional(&bytes) { bytes in
            try (0..<count(&bytes, each: 1)).map { _ in
                let code: UInt8 = try integer(&bytes)
                guard stages.indices.contains(Int(code)) else { throw unreadable }
                return stages[Int(code)]
            }
        }
        guard bytes.readableBytes == 0 else { throw unreadable }
        return Backtest.Input(
            id: id, source: source, sourceID: sourceID, submittedAt: submittedAt, receivedAt: receivedAt, fields: fields, extras: extras,
            activities: activities, acceptedAt: acceptedAt, rejectedAt: rejectedAt, dispositionAt: dispositionAt, outcomes: outcomes)
    }

    /// What `decode` throws; the store names the lead.
    struct Unreadable: Error {}

    private static let unreadable = Unreadable()

    /// A UInt32 count of items that take at least `each` bytes apiece, refused when the bytes left cannot hold them.
    private static func count(_ bytes: inout ByteBuffer, each: Int) throws -> Int {
        let number = Int(try integer(&bytes) as UInt32)
        guard number * each <= bytes.readableBytes else { throw unreadable }
        return number
    }

    private static func integer<Value: FixedWidthInteger>(_ bytes: inout ByteBuffer) throws -> Value {
        guard let value = bytes.readInteger(as: Value.self) else { throw unreadable }
        return value
    }

    private static func text(_ bytes: inout ByteBuffer) throws -> String {
        let length: UInt32 = try integer(&bytes)
        guard let text = bytes.readString(length: Int(length)) else { throw unreadable }
        return text
    }

    private static func date(_ bytes: inout ByteBuffer) throws -> Date {
        let milliseconds = Double(bitPattern: try integer(&bytes))
        guard milliseconds.isFinite else { throw unreadable }
        return Date(timeIntervalSince1970: milliseconds / 1000)
    }

    private static func texts(_ bytes: inout ByteBuffer) throws -> [String: String] {
        // A key and a value take at least 8 bytes.
        let entries = try count(&bytes, each: 8)
        var texts: [String: String] = [:]
        texts.reserveCapacity(entries)
        for _ in 0..<entries { texts[try text(&bytes)] = try text(&bytes) }
        return texts
    }

    private static func optional<Value>(_ bytes: inout ByteBuffer, _ read: (inout ByteBuffer) throws -> Value) throws -> Value? {
        let present: UInt8 = try integer(&bytes)
        guard present == 1 else {
            guard present == 0 else { throw unreadable }
            return nil
        }
        return try read(&bytes)
    }

    /// A stage's byte is its place here: append new stages, never reorder.
    private static let stages: [LeadOutcome.Stage] = [.opportunity, .won, .lost]

    private static func write(_ text: String, to out: inout ByteBuffer) {
        out.writeInteger(UInt32(text.utf8.count))
        out.writeString(text)
    }

    private static func write(_ date: Date, to out: inout ByteBuffer) {
        out.writeInteger((date.timeIntervalSince1970 * 1000).bitPattern)
    }

    private static func write(_ texts: [String: String], to out: inout ByteBuffer) {
        out.writeInteger(UInt32(texts.count))
        // In key order, so that the same lead is always the same bytes.
        for (key, value) in texts.sorted(by: { $0.key < $1.key }) {
            write(key, to: &out)
            write(value, to: &out)
        }
    }

    private static func optional<Value>(_ value: Value?, to out: inout ByteBuffer, _ write: (Value, inout ByteBuffer) -> Void) {
        guard let value else {
            out.writeInteger(UInt8(0))
            return
        }
        out.writeInteger(UInt8(1))
        write(value, &out)
    }

}
