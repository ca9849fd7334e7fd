import BatonCore
import BatonStore
import Foundation

extension StoreConformance {
    static let notificationCases: [Case] = [
        Case(name: "events appended once under a key: of many tries at the same key, exactly one appends, with its outbox message") { store in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let event = NewEvent(type: "report.review_pack", actor: "system", at: start, payload: ["channel": "#revenue"], announce: ["notifications"])
            let results = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 { group.addTask { try await store.appendOnce([event], key: "review_pack:2026-11-16", at: start) } }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            try expect(results.filter { $0 }.count == 1, "one of eight appended, found \(results)")
            let appended = try await store.events(after: 0, limit: 1000).filter { $0.type == "report.review_pack" }
            try expect(appended.count == 1, "one event, found \(appended.count)")
            try expect(try await store.pendingOutbox(topic: "notifications", limit: 100).filter { $0.eventSequence == appended[0].sequence }.count == 1, "one message")
            try expect(try await store.appendOnce([event], key: "review_pack:2026-11-30", at: start), "another key appends")
        },
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
        Case(name: "messages are claimed by one instance at a time, taken over after the lease, and begun once per destination") { store in
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            _ = try await store.admitLeads((1...3).map { intake("n\($0)@example.com") }, at: start, workflow: workflow)
            let a = Claimant(id: "a", lease: 60)
            let b = Claimant(id: "b", lease: 60)
            let first = try await store.claimDeliveries(topic: "notifications", at: start, limit: 2, by: a)
            let second = try await store.claimDeliveries(topic: "notifications", at: start, limit: 10, by: b)
            try expect(first.count == 2 && second.count == 1, "claims are disjoint, found \(first.count) and \(second.count)")
            try expect(try await store.claimDeliveries(topic: "notifications", at: start.addingTimeInterval(30), limit: 10, by: b).isEmpty, "held until the lease ends")
            let message = first[0].message.id
            try expect(try await store.beginDelivery(message, destination: "slack", by: a, at: start), "the first attempt begins")
            try expect(try await !store.beginDelivery(message, destination: "slack", by: b, at: start), "a second attempt at the same destination is refused")
            try expect(try await store.beginDelivery(message, destination: "email", by: b, at: start), "another destination is its own delivery")
            try await store.abandonDelivery(message, destination: "slack")
            try expect(try await store.beginDelivery(message, destination: "slack", by: b, at: start), "an abandoned attempt may begin again")
            // a dies holding its claims: after the lease they are b's.
            let taken = try await store.claimDeliveries(topic: "notifications", at: start.addingTimeInterval(61), limit: 10, by: b)
            try expect(Set(first.map(\.message.id)).isSubset(of: taken.map(\.message.id)), "b takes over a's messages")
            try await store.markFailed(second[0].message.id, error: "HTTP 500", retryAt: start.addingTimeInterval(62))
            let retried = try await store.claimDeliveries(topic: "notifications", at: start.addingTimeInterval(62), limit: 10, by: a)
            try expect(retried.map(\.message.id) == [second[0].message.id], "a failure ends the claim: the retry is anyone's")
        },
    ]
}
