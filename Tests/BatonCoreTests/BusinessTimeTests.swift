import BatonCore
import Foundation
import Testing

@Suite("Business time")
struct BusinessTimeTests {
    /// Mon–Thu 09:00–17:30, Fri 09:00–16:00 in Berlin, Christmas off — as in the example policy.
    let berlin = BusinessTime(
        BusinessCalendar(
            id: "berlin", name: "Berlin", timeZone: "Europe/Berlin",
            workingHours: [.mon, .tue, .wed, .thu].map { WorkingDay(day: $0, start: ClockTime(hour: 9, minute: 0), end: ClockTime(hour: 17, minute: 30)) }
                + [WorkingDay(day: .fri, start: ClockTime(hour: 9, minute: 0), end: ClockTime(hour: 16, minute: 0))],
            holidays: [Holiday(date: "2026-12-24", name: "Christmas Eve"), Holiday(date: "2026-12-25", name: "Christmas Day")]))!

    /// An instant written in UTC: "2026-10-23T15:00:00Z".
    func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test("minutes inside one working window")
    func sameDay() {
        // Tuesday 2026-11-24 10:00 Berlin (UTC+1) + 5 business minutes
        #expect(berlin.deadline(from: utc("2026-11-24T09:00:00Z"), adding: BusinessDuration(5, .minutes)) == utc("2026-11-24T09:05:00Z"))
    }

    @Test("the clock pauses overnight and over the weekend")
    func overWeekend() {
        // Friday 15:30 Berlin + 1 business hour: 30 minutes on Friday (closes 16:00), 30 on Monday from 09:00
        #expect(berlin.deadline(from: utc("2026-11-27T14:30:00Z"), adding: BusinessDuration(1, .hours)) == utc("2026-11-30T08:30:00Z"))
    }

    @Test("a lead arriving at night starts counting at the next opening")
    func outsideHours() {
        // Wednesday 22:00 Berlin + 5 business minutes → Thursday 09:05
        #expect(berlin.deadline(from: utc("2026-11-25T21:00:00Z"), adding: BusinessDuration(5, .minutes)) == utc("2026-11-26T08:05:00Z"))
        #expect(!berlin.isOpen(at: utc("2026-11-25T21:00:00Z")))
        #expect(berlin.nextOpen(atOrAfter: utc("2026-11-25T21:00:00Z")) == utc("2026-11-26T08:00:00Z"))
    }

    @Test("holidays are skipped")
    func holidays() {
        // Wednesday 23 Dec 17:00 + 1h: 30 min on the 23rd; 24th and 25th are holidays, then the weekend → Monday 28th 09:30
        #expect(berlin.deadline(from: utc("2026-12-23T16:00:00Z"), adding: BusinessDuration(1, .hours)) == utc("2026-12-28T08:30:00Z"))
    }

    @Test("across the autumn daylight-saving change the local opening hour holds")
    func daylightSaving() {
        // Friday 23 Oct 2026 15:30 CEST (13:30Z) + 1h: 30 min Friday; Berlin falls back on Sunday the 25th;
        // Monday 09:30 CET is 08:30Z — an offset of one hour less than on Friday.
        #expect(berlin.deadline(from: utc("2026-10-23T13:30:00Z"), adding: BusinessDuration(1, .hours)) == utc("2026-10-26T08:30:00Z"))
        // One business day from Friday 15:00 CEST is Monday 15:00 CET.
        #expect(berlin.deadline(from: utc("2026-10-23T13:00:00Z"), adding: BusinessDuration(1, .days)) == utc("2026-10-26T14:00:00Z"))
    }

    @Test("a 24-hour calendar counts the 25-hour day of the change as 25 hours")
    func longDay() {
        let always = BusinessTime(
            BusinessCalendar(
                id: "always", name: "Always", timeZone: "Europe/Berlin",
                workingHours: Weekday.allCases.map { WorkingDay(day: $0, start: ClockTime(hour: 0, minute: 0), end: ClockTime(hour: 24, minute: 0)) },
                holidays: []))!
        let start = utc("2026-10-24T22:00:00Z")  // Sunday 25 Oct, 00:00 CEST
        #expect(always.workingSeconds(from: start, to: utc("2026-10-25T23:00:00Z")) == 25 * 3600)
        #expect(always.deadline(from: start, adding: BusinessDuration(24, .hours)) == utc("2026-10-25T22:00:00Z"))
    }

    @Test("working seconds between two instants count only open time")
    func elapsed() {
        // Thursday 17:00 to Monday 10:00 Berlin: 30 min Thu + 7 h Fri + 1 h Mon
        #expect(berlin.workingSeconds(from: utc("2026-11-26T16:00:00Z"), to: utc("2026-11-30T09:00:00Z")) == 8.5 * 3600)
    }

    @Test("one business day from Friday afternoon is Monday at the same time, clamped to closing")
    func businessDays() {
        // Thursday 17:00 + 1d → Friday, which closes at 16:00
        #expect(berlin.deadline(from: utc("2026-11-26T16:00:00Z"), adding: BusinessDuration(1, .days)) == utc("2026-11-27T15:00:00Z"))
        // Saturday + 1d: counted from Monday's opening → Tuesday 09:00
        #expect(berlin.deadline(from: utc("2026-11-28T12:00:00Z"), adding: BusinessDuration(1, .days)) == utc("2026-12-01T08:00:00Z"))
    }

    @Test("calendars far east and far west of UTC find the right local day", arguments: [
        // Auckland (UTC+13 in summer): Monday 30 Nov 09:30 local is Sunday 20:30Z.
        ("Pacific/Auckland", "2026-11-29T20:30:00Z", "2026-11-29T20:00:00Z"),
        // Honolulu (UTC-10): Monday 30 Nov 09:30 local is 19:30Z the same day.
        ("Pacific/Honolulu", "2026-11-30T19:30:00Z", "2026-11-30T19:00:00Z"),
    ])
    func farFromUTC(zone: String, mondayHalfPastNine: String, mondayNine: String) {
        let weekdays = BusinessTime(
            BusinessCalendar(
                id: zone, name: zone, timeZone: zone,
                workingHours: [.mon, .tue, .wed, .thu, .fri].map { WorkingDay(day: $0, start: ClockTime(hour: 9, minute: 0), end: ClockTime(hour: 17, minute: 0)) },
                holidays: []))!
        #expect(weekdays.isOpen(at: utc(mondayHalfPastNine)))
        // Saturday evening local, 36 hours earlier: closed, and the next opening is Monday 09:00.
        let saturday = utc(mondayHalfPastNine).addingTimeInterval(-36 * 3600)
        #expect(!weekdays.isOpen(at: saturday))
        #expect(weekdays.nextOpen(atOrAfter: saturday) == utc(mondayNine))
    }

    @Test("deadlines hold over years of dates, leap days included")
    func acrossYears() {
        let always = BusinessTime(
            BusinessCalendar(
                id: "always", name: "Always", timeZone: "UTC",
                workingHours: Weekday.allCases.map { WorkingDay(day: $0, start: ClockTime(hour: 0, minute: 0), end: ClockTime(hour: 24, minute: 0)) },
                holidays: [Holiday(date: "2028-02-29", name: "Leap day")]))!
        // 28 Feb 2028 12:00 + 24 h skips the leap-day holiday: 12 h on the 28th, 12 h on 1 March.
        #expect(always.deadline(from: utc("2028-02-28T12:00:00Z"), adding: BusinessDuration(24, .hours)) == utc("2028-03-01T12:00:00Z"))
        // 1,000 days of working time from 1 Jan 1999 lands on 27 Sep 2001.
        #expect(always.deadline(from: utc("1999-01-01T00:00:00Z"), adding: BusinessDuration(24_000, .hours)) == utc("2001-09-27T00:00:00Z"))
    }
}
