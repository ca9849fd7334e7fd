import BatonCore
import BatonStore
import Foundation

extension StoreConformance {
    static let notificationCases: [Case] = [
        Case(name: "a notification waits for its retry time, reaches the inbox once, and is delivered once with its events") { store in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let lead = try await store.admitLeads([intake("a@example.com")], at: start, workflow: workflow)[0].lead
            let due = try await store.dueDeliveries(topic: "notifications", at: start, limit: 10)
            try expect(due.map(\.event.type) == ["lead.assigned"], "the assignment is announced, found \(due.map(\.event.type))")
            let delivery = due[0]
            try await store.deliverToInbox(delivery.event, recipients: ["ana"], text: "Lead for Ana", at: start)
            try await store.markFailed(delivery.message.id, error: "HTTP 500", retryAt: start.addingTimeInterval(2))
            try expect(try await store.dueDeliveries(topic: "notifications", at: start.addingTimeInterval(1), limit: 10).isEmpty, "not before its retry time")
            let failing = try await store.failingDeliveries(limit: 10)
            try expect(failing.first?.lastError == "HTTP 500" && failing.first?.message.attempts == 1, "the failure is kept")
            try await store.deliverToInbox(delivery.event, recipients: ["ana"], text: "Lead for Ana", at: start.addingTimeInterval(2))
            let notified = NewEvent(type: "lead.owner_notified", subject: lead.subject, actor: "system", at: start.addingTimeInterval(2))
            try await store.markDelivered(delivery.message.id, at: start.addingTimeInterval(2), events: [notified])
            try await store.markDelivered(delivery.message.id, at: start.addingTimeInterval(3), events: [notified])
            try expect(try await store.inbox(for: "ana", limit: 10).count == 1, "one inbox item however often it is written")
            try expect(try await store.failingDeliveries(limit: 10).isEmpty, "delivered is no longer failing")
            let events = try await store.leadEvents(id: lead.id).filter { $0.type == "lead.owner_notified" }
            try expect(events.count == 1, "the delivery's events are appended once, found \(events.count)")
            let shown = try await store.inbox(for: "ana", limit: 10)
            try await store.markInboxRead(ids: shown.map(\.id), at: start.addingTimeInterval(4))
            try expect(try await store.inbox(for: "ana", limit: 10).first?.readAt != nil, "read")
        },
    ]
}
