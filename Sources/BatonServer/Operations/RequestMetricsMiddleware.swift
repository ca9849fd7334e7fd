import Dispatch
import Hummingbird
import Prometheus

/// Counts requests and records their latency by route, method and status into this app's own Prometheus registry.
///
/// The route is the declared pattern (`/briefs/{assetType}`), never the raw path, so the label set stays small.
struct RequestMetricsMiddleware: RouterMiddleware {
    typealias Context = BatonRequestContext
    let registry: PrometheusCollectorRegistry

    static let buckets: [Duration] = [
        .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5),
    ]

    static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "baton", subsystem: "http", metricName: "requests", unitName: "total",
            helpText: "HTTP requests answered, by route, method and status.")
    }
    static var duration: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "baton", subsystem: "http", metricName: "request_duration", unitName: "seconds",
            helpText: "Time from receiving a request to answering it, by route and method.")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        let status: HTTPResponse.Status
        do {
            let response = try await next(request, context)
            status = response.status
            record(request, context, status, since: start)
            return response
        } catch {
            status = ErrorMiddleware.appError(from: error).status
            record(request, context, status, since: start)
            throw error
        }
    }

    private func record(_ request: Request, _ context: Context, _ status: HTTPResponse.Status, since start: UInt64) {
        let route = context.endpointPath ?? "unmatched"
        let method = request.method.rawValue
        registry.makeCounter(
            descriptor: Self.requests, labels: [("route", route), ("method", method), ("status", String(status.code))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: Self.duration, labels: [("route", route), ("method", method)], buckets: Self.buckets
        ).recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start))
    }
}

/// Echoes Hummingbird's request id in an `X-Request-ID` header, so a person can quote it and find the log lines.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = BatonRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.requestID] = context.id
        return response
    }
}
