package dev.backplane.billing.api;

import dev.backplane.billing.domain.CreditLedger;
import dev.backplane.billing.domain.LedgerEntry;
import dev.backplane.core.http.ApiRequest;
import dev.backplane.core.http.ApiResponse;
import java.util.List;

/** The caller's own credits: balance and ledger (cursor pagination, newest first). */
public final class CreditRoutes {
    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;

    record BalanceView(long balance) {}

    record LedgerView(List<LedgerEntry> items, String nextCursor) {}

    private final CreditLedger ledger;

    public CreditRoutes(CreditLedger ledger) { this.ledger = ledger; }

    public ApiResponse balance(ApiRequest request) {
        return ApiResponse.ok(new BalanceView(ledger.balance(request.requireCaller().userId())));
    }

    public ApiResponse ledger(ApiRequest request) {
        var page = ledger.ledger(request.requireCaller().userId(), request.queryInt("limit", DEFAULT_PAGE, 1, MAX_PAGE),
            request.query("cursor").orElse(null));
        return ApiResponse.ok(new LedgerView(page.items(), page.nextCursor()));
    }
}
