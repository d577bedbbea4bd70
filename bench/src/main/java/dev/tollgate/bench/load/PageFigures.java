package dev.tollgate.bench.load;

/** Requests to a page: how many, how many were not answered 200, and how long they took in all. */
final class PageFigures {

    private int requests;
    private int unexpected;
    private long nanos;

    PageFigures() {
    }

    PageFigures(int requests, int unexpected, long nanos) {
        this.requests = requests;
        this.unexpected = unexpected;
        this.nanos = nanos;
    }

    void add(PageFigures round) {
        requests += round.requests;
        unexpected += round.unexpected;
        nanos += round.nanos;
    }

    int requests() {
        return requests;
    }

    int unexpected() {
        return unexpected;
    }

    double perSecond() {
        return requests / (nanos / 1e9);
    }
}
