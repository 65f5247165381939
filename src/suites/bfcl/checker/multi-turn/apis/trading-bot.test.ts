// TradingBot: orders, the account, the watchlist and seeded transaction timestamps.
import { describe, expect, it } from "vitest";
import { apiHarness } from "../test-support/api-harness.js";
import { WATCH_LIST_EXTENSION } from "./long-context-data.js";

describe("TradingBot", () => {
  it("places an order at the counter's id (overwriting the default pending order) and cancels it", () => {
    const { run } = apiHarness(["TradingBot"]);
    expect(run("place_order(order_type='Buy', symbol='AAPL', price=227.16, amount=100)", "trading_login(username='u', password='p')", "place_order(order_type='Buy', symbol='MSFT', price='310.23', amount='100')", "place_order(order_type='Buy', symbol='MSFT', price=320, amount=50)")).toEqual([
      '{"error": "User not authenticated. Please log in to place an order."}',
      '{"status": "Logged in successfully"}',
      "Error during execution: '<=' not supported between instances of 'str' and 'int'",
      '{"order_id": 12446, "order_type": "Buy", "status": "Pending", "price": 320.0, "amount": 50}',
    ]);
    expect(run("get_order_details(order_id=12446)", "cancel_order(order_id=12446)", "cancel_order(order_id=12345)", "get_order_details(order_id='12345')", "get_order_history()")).toEqual([
      '{"id": 12446, "order_type": "Buy", "symbol": "MSFT", "price": 320.0, "amount": 50, "status": "Open"}',
      '{"order_id": 12446, "status": "Cancelled"}',
      '{"error": "Can\'t cancel order 12345. Order is already completed."}',
      '{"error": "Order with ID 12345 not found.Here is the list of orders_id: [12345, 12446]"}',
      '{"history": [12345, 12446]}',
    ]);
  });

  it("funds and withdraws with seeded timestamps, only while the market is open for withdrawals", () => {
    const { run, api } = apiHarness(["TradingBot"], JSON.stringify({ TradingBot: { authenticated: true } }));
    expect(run("fund_account(amount=5000)", "withdraw_funds(amount=100)", "update_market_status(current_time_str='10:30 AM')", "withdraw_funds(amount=100)")).toEqual([
      '{"status": "Account funded successfully", "new_balance": 15000.0}',
      '{"error": "Market is closed. Transactions are not allowed."}',
      '{"status": "Open"}',
      '{"status": "Withdrawal successful", "new_balance": 14900.0}',
    ]);
    const history = Object.fromEntries(api("TradingBot").publicState()).transaction_history;
    expect(run("get_transaction_history(start_date='2024-09-01')")[0]).toBe(
      '{"transaction_history": [{"type": "deposit", "amount": 5000, "timestamp": "2024-09-02 05:40:15"}, {"type": "withdrawal", "amount": 100, "timestamp": "2024-09-01 12:26:34"}]}',
    );
    expect(history).toHaveLength(2);
  });

  it("keeps a watchlist of known symbols and looks stocks up", () => {
    const { run } = apiHarness(["TradingBot"], JSON.stringify({ TradingBot: { authenticated: true } }));
    expect(run("add_to_watchlist(stock='ZETA')", "add_to_watchlist(stock='GORI')", "remove_stock_from_watchlist(symbol='NVDA')", "get_watchlist()", "get_symbol_by_name(name='Omega Industries')", "get_stock_info(symbol='QUAS')", "filter_stocks_by_price(stocks=['AAPL', 'ZETA', 'XYZ'], min_price=0, max_price=300)", "notify_price_change(stocks=['NVDA', 'ZETA'], threshold=0.3)")).toEqual([
      '{"watchlist": ["NVDA", "ZETA"]}',
      '{"watchlist": ["NVDA", "ZETA"]}',
      '{"status": "Stock NVDA removed from watchlist successfully."}',
      '{"watchlist": ["ZETA"]}',
      '{"symbol": "OMEG"}',
      '{"price": 725.89, "percent_change": -0.03, "volume": 1.789, "MA(5)": 726.45, "MA(20)": 728.0}',
      '{"filtered_stocks": ["AAPL", "ZETA", "XYZ"]}',
      '{"notification": "Stocks NVDA have significant price changes."}',
    ]);
  });

  it("pads the watchlist, ending with Ellipsis, in long-context mode", () => {
    const { one } = apiHarness(["TradingBot"], JSON.stringify({ TradingBot: { authenticated: true } }), { longContext: true });
    const printed = one("get_watchlist()");
    expect(printed.startsWith(`['NVDA', '${WATCH_LIST_EXTENSION[0]}'`)).toBe(true);
    expect(printed.endsWith("'ZRFRE', Ellipsis]")).toBe(true);
  });
});
