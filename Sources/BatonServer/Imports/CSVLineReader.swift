import BatonCore
import CSV
import Foundation

/// Reads a CSV file with a header a row at a time, with the line each row starts on (counting the line breaks
/// inside quoted values) and passing over blank rows. What the rows mean is up to its user.
final class CSVLineReader {
    private let reader: CSVReader
    /// The column names, without a byte-order mark.
    let header: [String]
    private var nextLine: Int

    /// Reads `data` as UTF-8; bytes that are not (a file saved in another encoding) become U+FFFD, so their rows
    /// are still read — and refused or held for their values — rather than cut short or lost. `example` names
    /// columns a header could have, for the message about an empty file.
    init(data: Data, example: String) throws(LeadCSVColumns.Problem) {
        let text = String(decoding: data, as: UTF8.self)
        do {
            reader = try CSVReader(stream: InputStream(data: Data(text.utf8)), hasHeaderRow: true)
        } catch {
            throw LeadCSVColumns.Problem(description: "The file cannot be read as CSV: \(error).")
        }
        guard var header = reader.headerRow, header != [""] else {
            throw LeadCSVColumns.Problem(description: "The file is empty; expected a header row naming the columns, such as: \(example).")
        }
        if let first = header.first, first.hasPrefix("\u{FEFF}") { header[0] = String(first.dropFirst()) }
        self.header = header
        nextLine = 2 + Self.lineBreaks(in: header)
    }

    /// The next row that has any value, with the line it starts on; nil at the end of the file.
    func next() -> (line: Int, values: [String])? {
        while let values = reader.next() {
            let line = nextLine
            nextLine += 1 + Self.lineBreaks(in: values)
            if values.allSatisfy({ $0.trimmedWhitespace.isEmpty }) { continue }
            return (line, values)
        }
        return nil
    }

    /// Why a row with the wrong number of values cannot be read.
    static func countProblem(found: Int, expected: Int) -> String {
        let hint = found < expected ? "" : " (a value with a comma must be in double quotes)"
        return "expected \(expected) values, one per column, found \(found)\(hint)"
    }

    private static func lineBreaks(in values: [String]) -> Int {
        values.reduce(0) { count, value in count + value.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
    }
}
