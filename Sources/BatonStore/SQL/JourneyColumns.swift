import BatonCore
import Foundation

/// What `JourneySQL.visit` hands each column of a journey to, with the part of the journey it holds, in place.
protocol JourneyColumns {
    mutating func text(_ column: String, _ value: inout String?) throws
    mutating func time(_ column: String, _ value: inout Date?) throws
    mutating func number(_ column: String, _ value: inout Int?) throws
    mutating func count(_ column: String, _ value: inout Int) throws
    mutating func version(_ column: String, _ value: inout Int64?) throws
    mutating func amount(_ column: String, _ value: inout Double) throws
    mutating func flag(_ column: String, _ value: inout Bool?) throws
    mutating func list(_ column: String, _ value: inout [String]) throws
}

/// How a `lead_journey` column stores its value: text, an integer (times as milliseconds, flags as 0 or 1) or a real.
enum ColumnKind: Sendable {
    case text, integer, real
}

/// The columns' names and kinds, in order.
struct ColumnNames: JourneyColumns {
    var columns: [(name: String, kind: ColumnKind)] = []

    mutating func text(_ column: String, _ value: inout String?) { columns.append((column, .text)) }
    mutating func time(_ column: String, _ value: inout Date?) { columns.append((column, .integer)) }
    mutating func number(_ column: String, _ value: inout Int?) { columns.append((column, .integer)) }
    mutating func count(_ column: String, _ value: inout Int) { columns.append((column, .integer)) }
    mutating func version(_ column: String, _ value: inout Int64?) { columns.append((column, .integer)) }
    mutating func amount(_ column: String, _ value: inout Double) { columns.append((column, .real)) }
    mutating func flag(_ column: String, _ value: inout Bool?) { columns.append((column, .integer)) }
    mutating func list(_ column: String, _ value: inout [String]) { columns.append((column, .text)) }
}

/// A journey's columns and the values to write in them.
struct RowWriter: JourneyColumns {
    var values: [(String, SQLValue?)]

    mutating func text(_ column: String, _ value: inout String?) { values.append((column, value.map(SQLValue.text))) }
    mutating func time(_ column: String, _ value: inout Date?) { values.append((column, value.map { .integer(JourneySQL.milliseconds($0)) })) }
    mutating func number(_ column: String, _ value: inout Int?) { values.append((column, value.map { .integer(Int64($0)) })) }
    mutating func count(_ column: String, _ value: inout Int) { values.append((column, .integer(Int64(value)))) }
    mutating func version(_ column: String, _ value: inout Int64?) { values.append((column, value.map(SQLValue.integer))) }
    mutating func amount(_ column: String, _ value: inout Double) { values.append((column, .real(value))) }
    mutating func flag(_ column: String, _ value: inout Bool?) { values.append((column, value.map { .integer($0 ? 1 : 0) })) }
    mutating func list(_ column: String, _ value: inout [String]) { values.append((column, .text(value.joined(separator: ",")))) }
}

/// A result row's cells by position, as each database reads them.
protocol JourneyCells {
    func text(_ index: Int) throws -> String?
    func integer(_ index: Int) throws -> Int64?
    func real(_ index: Int) throws -> Double?
}

/// Reads a journey's columns from a row selected with `JourneySQL.selection`, one cell after another after `id`.
struct CellReader<Cells: JourneyCells>: JourneyColumns {
    let cells: Cells
    private var index = 0

    init(cells: Cells) { self.cells = cells }

    /// The position of the next column's cell.
    private mutating func next() -> Int {
        index += 1
        return index
    }

    mutating func text(_ column: String, _ value: inout String?) throws { value = try cells.text(next()) }
    mutating func time(_ column: String, _ value: inout Date?) throws { value = try cells.integer(next()).map(JourneySQL.date) }
    mutating func number(_ column: String, _ value: inout Int?) throws { value = try cells.integer(next()).map { Int($0) } }
    mutating func count(_ column: String, _ value: inout Int) throws { value = Int(try cells.integer(next()) ?? 0) }
    mutating func version(_ column: String, _ value: inout Int64?) throws { value = try cells.integer(next()) }
    mutating func amount(_ column: String, _ value: inout Double) throws { value = try cells.real(next()) ?? 0 }
    mutating func flag(_ column: String, _ value: inout Bool?) throws { value = try cells.integer(next()).map { $0 != 0 } }
    mutating func list(_ column: String, _ value: inout [String]) throws {
        value = (try cells.text(next()) ?? "").split(separator: ",").map(String.init)
    }
}
