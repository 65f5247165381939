// BFCL's TradingBot: stocks, orders, a watchlist and an account with seeded transaction timestamps.
import { PyException, attributeError } from "../../../../python/runtime/exceptions.js";
import { compareCivil, formatCivilPlusSeconds, strptime, type CivilDateTime } from "../../../../python/runtime/datetime.js";
import { PY_ELLIPSIS } from "../../../../python/runtime/ellipsis.js";
import { copyConstantList, parsePyJson } from "../../../../python/py-json.js";
import { pyAbs, pyAdd, pyContains, pyFloat, pyGe, pyGetItem, pyGt, pyInt, pyIterate, pyLe, pySub } from "../../../../python/runtime/operators.js";
import { PythonRandom } from "../../../../python/runtime/random.js";
import { pyRepr, pyStr } from "../../../../python/py-repr.js";
import { PyDict, deepCopy, pyEquals, pyTruthy, pyTypeName, type PyValue } from "../../../../python/py-value.js";
import {
  AUTOMOBILE_EXTENSION,
  MA_20_EXTENSION,
  MA_5_EXTENSION,
  ORDER_DETAIL_EXTENSION,
  TECHNOLOGY_EXTENSION,
  WATCH_LIST_EXTENSION,
} from "./long-context-data.js";
import { SimulatedApi, optional, required, type ApiMethod } from "./simulated-api.js";

/** The trading clock: 2024-09-01 10:30. */
const CURRENT_TIME: CivilDateTime = { year: 2024, month: 9, day: 1, hour: 10, minute: 30, second: 0 };

const DEFAULT_STATE_JSON = JSON.stringify({
  orders: {
    "12345": { id: 12345, order_type: "Buy", symbol: "AAPL", price: 210.65, amount: 10, status: "Completed" },
    "12446": { id: 12446, order_type: "Sell", symbol: "GOOG", price: 2840.56, amount: 5, status: "Pending" },
  },
  account_info: { account_id: 12345, balance: "__FLOAT_10000__", binding_card: 1974202140965533 },
  authenticated: false,
  market_status: "Closed",
  order_counter: 12446,
  stocks: {
    AAPL: { price: 227.16, percent_change: 0.17, volume: 2.552, "MA(5)": 227.11, "MA(20)": 227.09 },
    GOOG: { price: 2840.34, percent_change: 0.24, volume: 1.123, "MA(5)": 2835.67, "MA(20)": 2842.15 },
    TSLA: { price: 667.92, percent_change: -0.12, volume: 1.654, "MA(5)": 671.15, "MA(20)": 668.2 },
    MSFT: { price: 310.23, percent_change: 0.09, volume: 3.234, "MA(5)": 309.88, "MA(20)": 310.11 },
    NVDA: { price: 220.34, percent_change: 0.34, volume: 1.234, "MA(5)": 220.45, "MA(20)": 220.67 },
    ALPH: { price: 1320.45, percent_change: -0.08, volume: 1.567, "MA(5)": 1321.12, "MA(20)": 1325.78 },
    OMEG: { price: 457.23, percent_change: 0.12, volume: 2.345, "MA(5)": 456.78, "MA(20)": 458.12 },
    QUAS: { price: 725.89, percent_change: -0.03, volume: 1.789, "MA(5)": 726.45, "MA(20)": "__FLOAT_728__" },
    NEPT: { price: 88.34, percent_change: 0.19, volume: 0.654, "MA(5)": 88.21, "MA(20)": 88.67 },
    SYNX: { price: 345.67, percent_change: 0.11, volume: 2.112, "MA(5)": 345.34, "MA(20)": 346.12 },
    ZETA: { price: 22.09, percent_change: -0.05, volume: 0.789, "MA(5)": 22.12, "MA(20)": 22.34 },
  },
  watch_list: ["NVDA"],
  transaction_history: [],
  random_seed: 1053520,
}).replace(/"__FLOAT_(\d+)__"/g, "$1.0");

const SYMBOLS_BY_NAME: [string, string][] = [
  ["Apple", "AAPL"],
  ["Google", "GOOG"],
  ["Tesla", "TSLA"],
  ["Microsoft", "MSFT"],
  ["Nvidia", "NVDA"],
  ["Zeta Corp", "ZETA"],
  ["Alpha Tech", "ALPH"],
  ["Omega Industries", "OMEG"],
  ["Quasar Ltd.", "QUAS"],
  ["Neptune Systems", "NEPT"],
  ["Synex Solutions", "SYNX"],
  ["Amazon", "AMZN"],
  ["Gorilla", "GORI"],
];

const item = (container: PyValue, key: PyValue): PyValue => pyGetItem(container, key, pyRepr);

/** `template.format(symbol=…)`: a KeyError for any other field, as str.format raises. */
function formatWithSymbol(template: string, symbol: PyValue): string {
  return template.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (match, field: string | undefined) => {
    if (match === "{{") return "{";
    if (match === "}}") return "}";
    if (field !== "symbol") throw new PyException("KeyError", pyRepr(field ?? ""));
    return pyStr(symbol);
  });
}

function dictOf(value: PyValue, method: string): PyDict {
  if (!(value instanceof PyDict)) throw attributeError(pyTypeName(value), method);
  return value;
}

function listOf(value: PyValue, method: string): PyValue[] {
  if (!Array.isArray(value)) throw attributeError(pyTypeName(value), method);
  return value;
}

/** DEFAULT_STATE, decoded once: every use deep-copies what it takes, as the reference does. */
let decodedDefaultState: PyDict | undefined;
function defaultState(): PyDict {
  decodedDefaultState ??= parsePyJson(DEFAULT_STATE_JSON) as PyDict;
  return decodedDefaultState;
}

export class TradingBot extends SimulatedApi {
  readonly pyTypeName = "TradingBot";
  orders: PyValue = new PyDict();
  accountInfo: PyValue = new PyDict();
  authenticated: PyValue = false;
  marketStatus: PyValue = "Closed";
  orderCounter: PyValue = 12446n;
  stocks: PyValue = new PyDict();
  watchList: PyValue = [];
  transactionHistory: PyValue = [];
  longContext = false;
  private random = new PythonRandom(1053520n);

  loadScenario(scenario: PyDict, longContext: boolean): void {
    const defaults = defaultState();
    const pick = (key: string): PyValue => (scenario.has(key) ? (scenario.get(key) as PyValue) : deepCopy(defaults.get(key) as PyValue));
    // Order ids that are digit strings become ints.
    this.orders = PyDict.of(
      dictOf(pick("orders"), "items")
        .items()
        .map(([key, value]) => [typeof key === "string" && /^[0-9]+$/.test(key) ? pyInt(key) : key, value] as const),
    );
    this.accountInfo = pick("account_info");
    this.authenticated = pick("authenticated");
    this.marketStatus = pick("market_status");
    this.orderCounter = pick("order_counter");
    this.stocks = pick("stocks");
    this.watchList = pick("watch_list");
    this.transactionHistory = pick("transaction_history");
    this.longContext = longContext;
    this.random = new PythonRandom(pick("random_seed") as bigint);
  }

  publicState(): [string, PyValue][] {
    return [
      ["orders", this.orders],
      ["account_info", this.accountInfo],
      ["authenticated", this.authenticated],
      ["market_status", this.marketStatus],
      ["order_counter", this.orderCounter],
      ["stocks", this.stocks],
      ["watch_list", this.watchList],
      ["transaction_history", this.transactionHistory],
      ["long_context", this.longContext],
    ];
  }

  /** A random second within the day after CURRENT_TIME (randint over the two Unix timestamps). */
  private transactionTimestamp(): string {
    return formatCivilPlusSeconds(CURRENT_TIME, Number(this.random.randint(0n, 86400n)));
  }

  getCurrentTime(): PyValue {
    return PyDict.fromRecord({ current_time: "10:30 AM" });
  }

  updateMarketStatus(currentTimeText: PyValue): PyValue {
    const time = strptime(currentTimeText, "%I:%M %p");
    const minutes = time.hour * 60 + time.minute;
    const open = minutes >= 9 * 60 + 30 && minutes <= 16 * 60;
    this.marketStatus = open ? "Open" : "Closed";
    return PyDict.fromRecord({ status: this.marketStatus });
  }

  getSymbolByName(name: PyValue): PyValue {
    const symbols = PyDict.of(SYMBOLS_BY_NAME);
    return PyDict.fromRecord({ symbol: symbols.has(name) ? (symbols.get(name) as PyValue) : "Stock not found" });
  }

  getStockInfo(symbol: PyValue): PyValue {
    if (!pyContains(this.stocks, symbol)) return PyDict.fromRecord({ error: `Stock with symbol '${pyStr(symbol)}' not found.` });
    if (this.longContext) {
      const stock = PyDict.of(dictOf(item(this.stocks, symbol), "copy").items());
      stock.set("MA(5)", copyConstantList(MA_5_EXTENSION));
      stock.set("MA(20)", copyConstantList(MA_20_EXTENSION));
      return stock;
    }
    return item(this.stocks, symbol);
  }

  getOrderDetails(orderId: PyValue): PyValue {
    if (!pyContains(this.orders, orderId)) {
      const ids = pyRepr(dictOf(this.orders, "keys").keys());
      return PyDict.fromRecord({ error: `Order with ID ${pyStr(orderId)} not found.Here is the list of orders_id: ${ids}` });
    }
    if (this.longContext) {
      const order = PyDict.of(dictOf(item(this.orders, orderId), "copy").items());
      const symbol = item(order, "symbol");
      const metadata = new PyDict();
      for (const [key, template] of ORDER_DETAIL_EXTENSION) {
        try {
          metadata.set(key, formatWithSymbol(template, symbol));
        } catch (error) {
          if (error instanceof PyException && error.pyType === "KeyError") return PyDict.fromRecord({ error: `KeyError during formatting: ${error.pyMessage}` });
          throw error;
        }
      }
      order.set("metadata", metadata);
      return order;
    }
    return item(this.orders, orderId);
  }

  cancelOrder(orderId: PyValue): PyValue {
    if (!pyContains(this.orders, orderId)) return PyDict.fromRecord({ error: `Order with ID ${pyStr(orderId)} not found.` });
    const order = item(this.orders, orderId);
    if (pyEquals(item(order, "status"), "Completed")) {
      return PyDict.fromRecord({ error: `Can't cancel order ${pyStr(orderId)}. Order is already completed.` });
    }
    dictOf(order, "__setitem__").set("status", "Cancelled");
    return PyDict.fromRecord({ order_id: orderId, status: "Cancelled" });
  }

  placeOrder(orderType: PyValue, symbol: PyValue, price: PyValue, amount: PyValue): PyValue {
    if (!pyTruthy(this.authenticated)) return PyDict.fromRecord({ error: "User not authenticated. Please log in to place an order." });
    if (!pyContains(this.stocks, symbol)) return PyDict.fromRecord({ error: `Invalid stock symbol: ${pyStr(symbol)}` });
    if (pyLe(price, 0n) || pyLe(amount, 0n)) return PyDict.fromRecord({ error: "Price and amount must be positive values." });
    const floatPrice = pyFloat(price);
    const orderId = this.orderCounter;
    dictOf(this.orders, "__setitem__").set(
      orderId,
      PyDict.fromRecord({ id: orderId, order_type: orderType, symbol, price: floatPrice, amount, status: "Open" }),
    );
    this.orderCounter = pyAdd(this.orderCounter, 1n, "+=");
    return PyDict.fromRecord({ order_id: orderId, order_type: orderType, status: "Pending", price: floatPrice, amount });
  }

  withdrawFunds(amount: PyValue): PyValue {
    if (!pyTruthy(this.authenticated)) return PyDict.fromRecord({ error: "User not authenticated. Please log in to make a transaction." });
    if (!pyEquals(this.marketStatus, "Open")) return PyDict.fromRecord({ error: "Market is closed. Transactions are not allowed." });
    if (pyLe(amount, 0n)) return PyDict.fromRecord({ error: "Transaction amount must be positive." });
    const account = dictOf(this.accountInfo, "__setitem__");
    if (pyGt(amount, item(account, "balance"))) return PyDict.fromRecord({ error: "Insufficient funds for withdrawal." });
    account.set("balance", pySub(item(account, "balance"), amount, "-="));
    listOf(this.transactionHistory, "append").push(
      PyDict.fromRecord({ type: "withdrawal", amount, timestamp: this.transactionTimestamp() }),
    );
    return PyDict.fromRecord({ status: "Withdrawal successful", new_balance: item(account, "balance") });
  }

  getAccountInfo(): PyValue {
    if (!pyTruthy(this.authenticated)) return PyDict.fromRecord({ error: "User not authenticated. Please log in to view account information." });
    return this.accountInfo;
  }

  tradingLogin(): PyValue {
    if (pyTruthy(this.authenticated)) return PyDict.fromRecord({ status: "Already logged in" });
    this.authenticated = true;
    return PyDict.fromRecord({ status: "Logged in successfully" });
  }

  tradingGetLoginStatus(): PyValue {
    return PyDict.fromRecord({ status: pyTruthy(this.authenticated) });
  }

  tradingLogout(): PyValue {
    if (!pyTruthy(this.authenticated)) return PyDict.fromRecord({ status: "No user is currently logged in" });
    this.authenticated = false;
    return PyDict.fromRecord({ status: "Logged out successfully" });
  }

  fundAccount(amount: PyValue): PyValue {
    if (!pyTruthy(this.authenticated)) return PyDict.fromRecord({ error: "User not authenticated. Please log in to fund the account." });
    if (pyLe(amount, 0n)) return PyDict.fromRecord({ error: "Funding amount must be positive." });
    const account = dictOf(this.accountInfo, "__setitem__");
    account.set("balance", pyAdd(item(account, "balance"), amount, "+="));
    listOf(this.transactionHistory, "append").push(PyDict.fromRecord({ type: "deposit", amount, timestamp: this.transactionTimestamp() }));
    return PyDict.fromRecord({ status: "Account funded successfully", new_balance: item(account, "balance") });
  }

  removeStockFromWatchlist(symbol: PyValue): PyValue {
    if (!pyTruthy(this.authenticated)) return PyDict.fromRecord({ error: "User not authenticated. Please log in to modify the watchlist." });
    if (!pyContains(this.watchList, symbol)) return PyDict.fromRecord({ error: `Stock ${pyStr(symbol)} not found in watchlist.` });
    const list = listOf(this.watchList, "remove");
    list.splice(
      list.findIndex((entry) => pyEquals(entry, symbol)),
      1,
    );
    return PyDict.fromRecord({ status: `Stock ${pyStr(symbol)} removed from watchlist successfully.` });
  }

  getWatchlist(): PyValue {
    if (!pyTruthy(this.authenticated)) return ["Error: User not authenticated. Please log in to view the watchlist."];
    if (this.longContext) return [...pyIterate(this.watchList), ...WATCH_LIST_EXTENSION, PY_ELLIPSIS];
    return PyDict.fromRecord({ watchlist: this.watchList });
  }

  getOrderHistory(): PyValue {
    if (!pyTruthy(this.authenticated)) return [PyDict.fromRecord({ error: "User not authenticated. Please log in to view order history." })];
    return PyDict.fromRecord({ history: dictOf(this.orders, "keys").keys() });
  }

  getTransactionHistory(startDate: PyValue, endDate: PyValue): PyValue {
    if (!pyTruthy(this.authenticated)) {
      return [PyDict.fromRecord({ error: "User not authenticated. Please log in to view transaction history." })];
    }
    const start = pyTruthy(startDate) ? strptime(startDate, "%Y-%m-%d") : undefined;
    const end = pyTruthy(endDate) ? strptime(endDate, "%Y-%m-%d") : undefined;
    const filtered = pyIterate(this.transactionHistory).filter((transaction) => {
      const moment = strptime(item(transaction, "timestamp"), "%Y-%m-%d %H:%M:%S");
      return (!start || compareCivil(start, moment) <= 0) && (!end || compareCivil(moment, end) <= 0);
    });
    // The reference appends a long TRANSACTION_HISTORY_EXTENSION here in long-context mode; that table is not bundled.
    return PyDict.fromRecord({ transaction_history: filtered });
  }

  getAvailableStocks(sector: PyValue): PyValue {
    const sectors = PyDict.of([
      ["Technology", ["AAPL", "GOOG", "MSFT", "NVDA"]],
      ["Automobile", ["TSLA", "F", "GM"]],
    ]);
    if (this.longContext) {
      (sectors.get("Technology") as PyValue[]).push(...TECHNOLOGY_EXTENSION);
      (sectors.get("Automobile") as PyValue[]).push(...AUTOMOBILE_EXTENSION);
    }
    return PyDict.fromRecord({ stock_list: sectors.has(sector) ? (sectors.get(sector) as PyValue) : [] });
  }

  filterStocksByPrice(stocks: PyValue, minPrice: PyValue, maxPrice: PyValue): PyValue {
    const priceOf = (symbol: PyValue): PyValue => {
      const known = dictOf(this.stocks, "get");
      const stock = known.has(symbol) ? (known.get(symbol) as PyValue) : new PyDict();
      const details = dictOf(stock, "get");
      return details.has("price") ? (details.get("price") as PyValue) : 0n;
    };
    const filtered = pyIterate(stocks).filter((symbol) => pyGe(priceOf(symbol), minPrice) && pyLe(priceOf(symbol), maxPrice));
    return PyDict.fromRecord({ filtered_stocks: filtered });
  }

  addToWatchlist(stock: PyValue): PyValue {
    if (!pyContains(this.watchList, stock) && pyContains(this.stocks, stock)) listOf(this.watchList, "append").push(stock);
    return PyDict.fromRecord({ watchlist: this.watchList });
  }

  notifyPriceChange(stocks: PyValue, threshold: PyValue): PyValue {
    const changed = pyIterate(stocks).filter(
      (symbol) => pyContains(this.stocks, symbol) && pyGe(pyAbs(item(item(this.stocks, symbol), "percent_change")), threshold),
    );
    if (changed.length > 0) {
      const names = changed.map((symbol, index) => {
        if (typeof symbol !== "string") throw new PyException("TypeError", `sequence item ${index}: expected str instance, ${pyTypeName(symbol)} found`);
        return symbol;
      });
      return PyDict.fromRecord({ notification: `Stocks ${names.join(", ")} have significant price changes.` });
    }
    return PyDict.fromRecord({ notification: "No significant price changes in the selected stocks." });
  }

  protected defineMethods(): Record<string, ApiMethod<TradingBot>> {
    const method = (parameters: ApiMethod<TradingBot>["parameters"], invoke: ApiMethod<TradingBot>["invoke"]): ApiMethod<TradingBot> => ({ parameters, invoke });
    const arg = (args: PyValue[], index: number): PyValue => args[index] as PyValue;
    return {
      get_current_time: method([], (self) => self.getCurrentTime()),
      update_market_status: method([required("current_time_str")], (self, a) => self.updateMarketStatus(arg(a, 0))),
      get_symbol_by_name: method([required("name")], (self, a) => self.getSymbolByName(arg(a, 0))),
      get_stock_info: method([required("symbol")], (self, a) => self.getStockInfo(arg(a, 0))),
      get_order_details: method([required("order_id")], (self, a) => self.getOrderDetails(arg(a, 0))),
      cancel_order: method([required("order_id")], (self, a) => self.cancelOrder(arg(a, 0))),
      place_order: method([required("order_type"), required("symbol"), required("price"), required("amount")], (self, a) =>
        self.placeOrder(arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3)),
      ),
      withdraw_funds: method([required("amount")], (self, a) => self.withdrawFunds(arg(a, 0))),
      get_account_info: method([], (self) => self.getAccountInfo()),
      trading_login: method([required("username"), required("password")], (self) => self.tradingLogin()),
      trading_get_login_status: method([], (self) => self.tradingGetLoginStatus()),
      trading_logout: method([], (self) => self.tradingLogout()),
      fund_account: method([required("amount")], (self, a) => self.fundAccount(arg(a, 0))),
      remove_stock_from_watchlist: method([required("symbol")], (self, a) => self.removeStockFromWatchlist(arg(a, 0))),
      get_watchlist: method([], (self) => self.getWatchlist()),
      get_order_history: method([], (self) => self.getOrderHistory()),
      get_transaction_history: method([optional("start_date", null), optional("end_date", null)], (self, a) => self.getTransactionHistory(arg(a, 0), arg(a, 1))),
      get_available_stocks: method([required("sector")], (self, a) => self.getAvailableStocks(arg(a, 0))),
      filter_stocks_by_price: method([required("stocks"), required("min_price"), required("max_price")], (self, a) =>
        self.filterStocksByPrice(arg(a, 0), arg(a, 1), arg(a, 2)),
      ),
      add_to_watchlist: method([required("stock")], (self, a) => self.addToWatchlist(arg(a, 0))),
      notify_price_change: method([required("stocks"), required("threshold")], (self, a) => self.notifyPriceChange(arg(a, 0), arg(a, 1))),
    };
  }
}
