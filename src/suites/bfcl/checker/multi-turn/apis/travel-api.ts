// BFCL's TravelAPI (travel_booking): token auth, credit cards, priced flights, bookings, invoices, insurance and a budget.
import { pyRound } from "../../../../python/runtime/builtins.js";
import { strptime } from "../../../../python/runtime/datetime.js";
import { PyException, attributeError } from "../../../../python/runtime/exceptions.js";
import { pyAdd, pyContains, pyFloat, pyGetItem, pyIterate, pyLt, pyMul, pySub, pyTrueDivide } from "../../../../python/runtime/operators.js";
import { PythonRandom } from "../../../../python/runtime/random.js";
import { pyRepr, pyStr } from "../../../../python/py-repr.js";
import { PyDict, PyTuple, deepCopy, pyEquals, pyTypeName, type PyValue } from "../../../../python/py-value.js";
import type { ReferenceRuntime } from "../reference-runtime.js";
import { SimulatedApi, optional, required, type ApiMethod } from "./simulated-api.js";

/** Base fares in USD per (from, to) route, in the reference's order (long-context lists them all). */
const BASE_COSTS: [string, string, number][] = (
  [
    ["SFO", [["LAX", 200], ["JFK", 500], ["ORD", 400], ["BOS", 450], ["RMS", 300], ["SBK", 350], ["MPC", 370], ["SVP", 320], ["SHD", 330], ["SSV", 340], ["OKD", 360], ["WLB", 310], ["CRH", 380], ["ATV", 390], ["PHV", 420], ["GFD", 430], ["CIA", 700]]],
    ["LAX", [["SFO", 100], ["JFK", 600], ["ORD", 500], ["BOS", 550], ["RMS", 310], ["SBK", 320], ["MPC", 330], ["SVP", 340], ["SHD", 350], ["SSV", 360], ["OKD", 370], ["WLB", 380], ["CRH", 390], ["ATV", 400], ["PHV", 410], ["GFD", 420], ["HND", 430]]],
    ["JFK", [["ORD", 300], ["BOS", 250], ["RMS", 450], ["SBK", 460], ["MPC", 470], ["SVP", 480], ["SHD", 490], ["SSV", 500], ["OKD", 510], ["WLB", 520], ["CRH", 530], ["ATV", 540], ["PHV", 550], ["GFD", 560], ["LAX", 570], ["HND", 800], ["PVG", 950], ["PEK", 1000]]],
    ["ORD", [["LAX", 180], ["BOS", 200], ["RMS", 350], ["SBK", 360], ["MPC", 370], ["SVP", 380], ["SHD", 390], ["SSV", 400], ["OKD", 410], ["WLB", 420], ["CRH", 430], ["ATV", 440], ["PHV", 450], ["GFD", 460]]],
    ["BOS", [["RMS", 400], ["SBK", 410], ["MPC", 420], ["SVP", 430], ["SHD", 440], ["SSV", 450], ["OKD", 460], ["WLB", 470], ["CRH", 480], ["ATV", 490], ["PHV", 500], ["GFD", 510]]],
    ["RMS", [["BOS", 200], ["JFK", 210], ["SBK", 220], ["MPC", 230], ["SVP", 240], ["SHD", 250], ["SSV", 260], ["OKD", 270], ["WLB", 280], ["CRH", 290], ["ATV", 300], ["PHV", 310], ["GFD", 320], ["LAX", 330]]],
    ["SBK", [["MPC", 200], ["SVP", 210], ["SHD", 220], ["SSV", 230], ["OKD", 240], ["WLB", 250], ["CRH", 260], ["ATV", 270], ["PHV", 280], ["GFD", 290]]],
    ["MPC", [["SVP", 210], ["SHD", 220], ["SSV", 230], ["OKD", 240], ["WLB", 250], ["CRH", 260], ["ATV", 270], ["PHV", 280], ["GFD", 290]]],
    ["SVP", [["SHD", 230], ["SSV", 240], ["OKD", 250], ["WLB", 260], ["CRH", 270], ["ATV", 280], ["PHV", 290], ["GFD", 300]]],
    ["SHD", [["SSV", 220], ["OKD", 230], ["WLB", 240], ["CRH", 250], ["ATV", 260], ["PHV", 270], ["GFD", 280]]],
    ["SSV", [["OKD", 240], ["WLB", 250], ["CRH", 260], ["ATV", 270], ["PHV", 280], ["GFD", 290]]],
    ["OKD", [["WLB", 230], ["CRH", 240], ["ATV", 250], ["PHV", 260], ["GFD", 270]]],
    ["WLB", [["CRH", 250], ["ATV", 260], ["PHV", 270], ["GFD", 280]]],
    ["CRH", [["ATV", 240], ["PHV", 250], ["GFD", 260], ["SFO", 270], ["RMS", 280], ["HKG", 290], ["JFK", 300]]],
    ["ATV", [["PHV", 230], ["GFD", 240]]],
    ["PHV", [["GFD", 220]]],
    ["LHR", [["CDG", 100]]],
    ["OKD", [["LAX", 220]]],
  ] as [string, [string, number][]][]
).flatMap(([from, routes]) => routes.map(([to, cost]) => [from, to, cost] as [string, string, number]));

const AIRPORTS = ["RMS", "SBK", "MPC", "SVP", "SHD", "CDG", "LHR", "SSV", "OKD", "WLB", "PEK", "HND", "HKG", "CIA", "CRH", "ATV", "PHV", "GFD", "SFO", "LAX", "JFK", "ORD", "BOS"];

const EXCHANGE_RATES: [string, string, PyValue][] = [
  ["USD", "RMB", 7n],
  ["USD", "EUR", 0.8],
  ["USD", "JPY", 110n],
  ["USD", "GBP", 0.7],
  ["USD", "CAD", 1.3],
  ["USD", "AUD", 1.4],
  ["USD", "INR", 70n],
  ["USD", "RUB", 60n],
  ["USD", "BRL", 3.8],
  ["USD", "MXN", 20n],
];

const NEAREST_AIRPORT: [string, string][] = [
  ["Rivermist", "RMS"],
  ["Stonebrook", "SBK"],
  ["Maplecrest", "MPC"],
  ["Silverpine", "SVP"],
  ["Shadowridge", "SHD"],
  ["London", "LHR"],
  ["Paris", "CDG"],
  ["Sunset Valley", "SSV"],
  ["Oakendale", "OKD"],
  ["Willowbend", "WLB"],
  ["Crescent Hollow", "CRH"],
  ["Autumnville", "ATV"],
  ["Pinehaven", "PHV"],
  ["Greenfield", "GFD"],
  ["San Francisco", "SFO"],
  ["Los Angeles", "LAX"],
  ["New York", "JFK"],
  ["Chicago", "ORD"],
  ["Boston", "BOS"],
  ["Beijing", "PEK"],
  ["Hong Kong", "HKG"],
  ["Rome", "CIA"],
  ["Tokyo", "HND"],
];

const SUPPORT_REPLY = "Thank you for contacting customer support. Your message has been received and we will get back to you shortly.";

const item = (container: PyValue, key: PyValue): PyValue => pyGetItem(container, key, pyRepr);

function dictOf(value: PyValue, method: string): PyDict {
  if (!(value instanceof PyDict)) throw attributeError(pyTypeName(value), method);
  return value;
}

/** The reference's `base_costs` dict, built once: it is a constant there too, and building it per call was a tenth of multi-turn scoring. */
let baseCosts: PyDict | undefined;
function baseCostTable(): PyDict {
  baseCosts ??= PyDict.of(BASE_COSTS.map(([from, to, cost]) => [new PyTuple([from, to]), BigInt(cost)] as const));
  return baseCosts;
}

export class TravelAPI extends SimulatedApi {
  readonly pyTypeName = "TravelAPI";
  creditCardList: PyValue = new PyDict();
  bookingRecord: PyValue = new PyDict();
  accessToken: PyValue = null;
  tokenType: PyValue = null;
  tokenExpiresIn: PyValue = null;
  tokenScope: PyValue = null;
  userFirstName: PyValue = null;
  userLastName: PyValue = null;
  budgetLimit: PyValue = null;
  longContext = false;
  private random = new PythonRandom(141053n);
  private flightCostLookup = new PyDict();

  constructor(private readonly runtime: ReferenceRuntime) {
    super();
  }

  loadScenario(scenario: PyDict, longContext: boolean): void {
    const pick = (key: string, fallback: PyValue): PyValue => (scenario.has(key) ? (scenario.get(key) as PyValue) : fallback);
    this.random = new PythonRandom(pick("random_seed", 141053n) as bigint);
    this.creditCardList = pick("credit_card_list", new PyDict());
    this.bookingRecord = pick("booking_record", new PyDict());
    this.accessToken = pick("access_token", null);
    this.tokenType = pick("token_type", null);
    this.tokenExpiresIn = pick("token_expires_in", null);
    this.tokenScope = pick("token_scope", null);
    this.userFirstName = pick("user_first_name", null);
    this.userLastName = pick("user_last_name", null);
    this.budgetLimit = pick("budget_limit", null);
    this.longContext = longContext;
    if (longContext) {
      // The padding dicts are shared, not copied: balances charged here change them for every instance.
      const cards = dictOf(this.creditCardList, "__setitem__");
      for (const [cardId, info] of this.runtime.creditCardExtension().items()) if (!cards.has(cardId)) cards.set(cardId, info);
      const bookings = dictOf(this.bookingRecord, "__setitem__");
      for (const [bookingId, info] of this.runtime.bookingRecordExtension().items()) if (!bookings.has(bookingId)) bookings.set(bookingId, info);
    }
  }

  publicState(): [string, PyValue][] {
    return [
      ["credit_card_list", this.creditCardList],
      ["booking_record", this.bookingRecord],
      ["access_token", this.accessToken],
      ["token_type", this.tokenType],
      ["token_expires_in", this.tokenExpiresIn],
      ["token_scope", this.tokenScope],
      ["user_first_name", this.userFirstName],
      ["user_last_name", this.userLastName],
      ["budget_limit", this.budgetLimit],
      ["long_context", this.longContext],
    ];
  }

  private tokenExpired(): boolean {
    return pyEquals(this.tokenExpiresIn, 0n);
  }

  private tokenInvalid(accessToken: PyValue): boolean {
    return !pyEquals(accessToken, this.accessToken);
  }

  authenticateTravel(grantType: PyValue, userFirstName: PyValue, userLastName: PyValue): PyValue {
    this.tokenExpiresIn = 2n;
    this.accessToken = this.random.randint(100000n, 999999n).toString();
    this.tokenType = "Bearer";
    this.tokenScope = grantType;
    this.userFirstName = userFirstName;
    this.userLastName = userLastName;
    return PyDict.fromRecord({ expires_in: 2n, access_token: this.accessToken, token_type: "Bearer", scope: grantType });
  }

  travelGetLoginStatus(): PyValue {
    const loggedOut = this.tokenExpiresIn === null || pyEquals(this.tokenExpiresIn, 0n);
    return PyDict.fromRecord({ status: !loggedOut });
  }

  registerCreditCard(accessToken: PyValue, cardNumber: PyValue, expirationDate: PyValue, cardholderName: PyValue, cvv: PyValue): PyValue {
    if (this.tokenExpiresIn === null) return PyDict.fromRecord({ error: "Token not initialized" });
    if (this.tokenExpired()) return PyDict.fromRecord({ error: "Token expired" });
    if (this.tokenInvalid(accessToken)) return PyDict.fromRecord({ error: "Invalid access token" });
    if (pyContains(this.creditCardList, cardNumber)) return PyDict.fromRecord({ error: "Card already registered" });
    const cardId = this.random.randint(100000000000n, 999999999999n).toString();
    const card = PyDict.fromRecord({
      card_number: cardNumber,
      expiration_date: expirationDate,
      cardholder_name: cardholderName,
      card_verification_number: cvv,
      balance: this.random.randint(10000n, 99999n),
    });
    dictOf(this.creditCardList, "__setitem__").set(cardId, card);
    return PyDict.fromRecord({ card_id: cardId });
  }

  getFlightCost(travelFrom: PyValue, travelTo: PyValue, travelDate: PyValue, travelClass: PyValue): PyValue {
    const pair = new PyTuple([travelFrom, travelTo]);
    const costs = baseCostTable();
    if (!pyContains(costs, pair)) throw new PyException("ValueError", "No available route for the given airports.");
    let factor: bigint;
    if (pyEquals(travelClass, "economy")) factor = 1n;
    else if (pyEquals(travelClass, "business")) factor = 2n;
    else if (pyEquals(travelClass, "first")) factor = 5n;
    else throw new PyException("ValueError", "Invalid travel class. Options are: economy, business, first.");
    const digitSum = pyIterate(travelDate)
      .filter((char) => typeof char === "string" && /^[0-9]$/.test(char))
      .reduce((sum: number, char) => sum + Number(char), 0);
    const multiplier = digitSum % 2 === 0 ? 2n : 1n;
    const key = `${pyStr(travelFrom)}|${pyStr(travelTo)}|${pyStr(travelClass)}|${pyStr(travelDate)}`;
    let costList: PyValue[];
    if (this.longContext) {
      this.flightCostLookup = new PyDict();
      costList = BASE_COSTS.map(([from, to, base]) => {
        const cost = Number(BigInt(base) * factor * multiplier);
        this.flightCostLookup.set(`${from}|${to}|${pyStr(travelClass)}|${pyStr(travelDate)}`, PyDict.fromRecord({ cost }));
        return cost;
      });
    } else {
      const cost = Number((costs.get(pair) as bigint) * factor * multiplier);
      costList = [cost];
      this.flightCostLookup = PyDict.of([[key, PyDict.fromRecord({ cost })]]);
    }
    return PyDict.fromRecord({ travel_cost_list: costList });
  }

  getCreditCardBalance(accessToken: PyValue, cardId: PyValue): PyValue {
    if (this.tokenExpired()) return PyDict.fromRecord({ error: "Token expired" });
    if (this.tokenInvalid(accessToken)) return PyDict.fromRecord({ error: "Invalid access token" });
    if (!pyContains(this.creditCardList, cardId)) {
      const ids = pyRepr(dictOf(this.creditCardList, "keys").keys());
      return PyDict.fromRecord({ error: `Card not registered. Here are a list of card_id's: ${ids}` });
    }
    return PyDict.fromRecord({ card_balance: item(item(this.creditCardList, cardId), "balance") });
  }

  bookFlight(accessToken: PyValue, cardId: PyValue, travelDate: PyValue, travelFrom: PyValue, travelTo: PyValue, travelClass: PyValue): PyValue {
    const fail = (error: string) => PyDict.fromRecord({ booking_status: false, error });
    if (this.tokenExpired()) return fail("Token expired");
    if (this.tokenInvalid(accessToken)) return fail("Invalid access token");
    if (!pyContains(this.creditCardList, cardId)) return fail("Card not registered");
    const card = item(this.creditCardList, cardId);
    if (!pyContains(card, "balance")) return fail("Balance not found");
    if (!pyContains(AIRPORTS, travelFrom)) return fail(`Invalid departure airport code: ${pyStr(travelFrom)}`);
    if (!pyContains(AIRPORTS, travelTo)) return fail(`Invalid destination airport code: ${pyStr(travelTo)}`);
    try {
      strptime(travelDate, "%Y-%m-%d");
    } catch (error) {
      if (error instanceof PyException && error.pyType === "ValueError") return fail("Invalid date format. Use YYYY-MM-DD.");
      throw error;
    }
    if (!pyContains(["economy", "business", "first"], travelClass)) {
      // A Python set prints in hash order, which varies between runs; this is one of its possible orders.
      return fail("Invalid travel class. Must be one of {'economy', 'business', 'first'}");
    }
    let travelCost: PyValue;
    try {
      this.getFlightCost(travelFrom, travelTo, travelDate, travelClass);
      const key = `${pyStr(travelFrom)}|${pyStr(travelTo)}|${pyStr(travelClass)}|${pyStr(travelDate)}`;
      const entry = this.flightCostLookup.get(key);
      if (entry === undefined || entry === null) return fail("No available route for the given parameters");
      travelCost = item(entry, "cost");
    } catch (error) {
      if (error instanceof PyException && error.pyType === "ValueError") return fail(error.pyMessage);
      throw error;
    }
    if (pyLt(item(card, "balance"), travelCost)) return fail("Insufficient funds");
    if (this.budgetLimit !== null && pyLt(item(card, "balance"), this.budgetLimit)) return fail("Balance is less than budget limit");
    dictOf(card, "__setitem__").set("balance", pySub(item(card, "balance"), travelCost, "-="));
    const bookingId = this.random.randint(1000000n, 9999999n).toString();
    const transactionId = this.random.randint(10000000n, 99999999n).toString();
    const records = dictOf(this.bookingRecord, "__setitem__");
    records.set(
      bookingId,
      PyDict.fromRecord({
        card_id: cardId,
        travel_date: travelDate,
        travel_from: travelFrom,
        travel_to: travelTo,
        travel_class: travelClass,
        travel_cost: travelCost,
        transaction_id: transactionId,
      }),
    );
    return PyDict.fromRecord({
      booking_id: bookingId,
      transaction_id: transactionId,
      booking_status: true,
      booking_history: this.longContext ? records : new PyDict(),
    });
  }

  retrieveInvoice(accessToken: PyValue, bookingId: PyValue): PyValue {
    if (this.tokenExpired()) return PyDict.fromRecord({ error: "Token expired" });
    if (this.tokenInvalid(accessToken)) return PyDict.fromRecord({ error: "Invalid access token" });
    if (!pyContains(this.bookingRecord, bookingId)) return PyDict.fromRecord({ error: "Booking not found" });
    const record = item(this.bookingRecord, bookingId);
    const invoice = PyDict.fromRecord({ booking_id: bookingId });
    for (const field of ["travel_date", "travel_from", "travel_to", "travel_class", "travel_cost", "transaction_id"]) invoice.set(field, item(record, field));
    return PyDict.fromRecord({ invoice });
  }

  getBookingHistory(accessToken: PyValue): PyValue {
    if (this.tokenExpired()) return PyDict.fromRecord({ error: "Token expired" });
    if (this.tokenInvalid(accessToken)) return PyDict.fromRecord({ error: "Invalid access token" });
    return PyDict.fromRecord({ booking_history: deepCopy(this.bookingRecord) });
  }

  cancelBooking(accessToken: PyValue, bookingId: PyValue): PyValue {
    const fail = (error: string) => PyDict.fromRecord({ cancel_status: false, error });
    if (this.tokenExpired()) return fail("Token expired");
    if (this.tokenInvalid(accessToken)) return fail("Invalid access token");
    if (!pyContains(this.bookingRecord, bookingId)) return fail("Booking not found");
    const record = item(this.bookingRecord, bookingId);
    const cardId = item(record, "card_id");
    const travelCost = item(record, "travel_cost");
    const card = item(this.creditCardList, cardId);
    dictOf(card, "__setitem__").set("balance", pyAdd(item(card, "balance"), travelCost, "+="));
    dictOf(this.bookingRecord, "__delitem__").delete(bookingId);
    return PyDict.fromRecord({ cancel_status: true });
  }

  computeExchangeRate(baseCurrency: PyValue, targetCurrency: PyValue, value: PyValue): PyValue {
    for (const [from, to, rate] of EXCHANGE_RATES) {
      if (pyEquals(baseCurrency, from) && pyEquals(targetCurrency, to)) return PyDict.fromRecord({ exchanged_value: pyFloat(pyMul(value, rate)) });
      if (pyEquals(baseCurrency, to) && pyEquals(targetCurrency, from)) {
        return PyDict.fromRecord({ exchanged_value: pyRound(pyTrueDivide(value, rate), 2n) });
      }
    }
    throw new PyException("ValueError", "No available exchange rate for the given currencies.");
  }

  verifyTravelerInformation(firstName: PyValue, lastName: PyValue, dateOfBirth: PyValue, passportNumber: PyValue): PyValue {
    const fail = (reason: string) => PyDict.fromRecord({ verification_status: false, verification_failure: reason });
    if (!pyEquals(this.userFirstName, firstName) || !pyEquals(this.userLastName, lastName)) {
      return fail(
        "Cannot book flight information for another user." +
          `Expected ${pyStr(this.userFirstName)} ${pyStr(this.userLastName)}, got ${pyStr(firstName)} ${pyStr(lastName)}`,
      );
    }
    let age: number;
    try {
      const birth = strptime(dateOfBirth, "%Y-%m-%d");
      const today = this.runtime.today();
      const beforeBirthday = today.month < birth.month || (today.month === birth.month && today.day < birth.day);
      age = today.year - birth.year - (beforeBirthday ? 1 : 0);
    } catch (error) {
      if (error instanceof PyException && error.pyType === "ValueError") return fail("Invalid date of birth format. Please use YYYY-MM-DD.");
      throw error;
    }
    if (age < 18) return fail("Traveler must be at least 18 years old.");
    if (typeof passportNumber !== "string") throw attributeError(pyTypeName(passportNumber), "startswith");
    if (!passportNumber.startsWith("US")) return fail("Passport must be issued by the United States.");
    return PyDict.fromRecord({ verification_status: true });
  }

  setBudgetLimit(accessToken: PyValue, budgetLimit: PyValue): PyValue {
    if (this.tokenExpired()) return PyDict.fromRecord({ error: "Token expired" });
    if (this.tokenInvalid(accessToken)) return PyDict.fromRecord({ error: "Invalid access token" });
    this.budgetLimit = pyFloat(budgetLimit);
    return PyDict.fromRecord({ budget_limit: this.budgetLimit });
  }

  getNearestAirportByCity(location: PyValue): PyValue {
    const airports = PyDict.of(NEAREST_AIRPORT);
    return PyDict.fromRecord({ nearest_airport: airports.has(location) ? (airports.get(location) as PyValue) : "Unknown" });
  }

  purchaseInsurance(accessToken: PyValue, bookingId: PyValue, insuranceCost: PyValue, cardId: PyValue): PyValue {
    const fail = (error: string) => PyDict.fromRecord({ insurance_status: false, error });
    if (this.tokenExpired()) return fail("Token expired");
    if (this.tokenInvalid(accessToken)) return fail("Invalid access token");
    if (this.budgetLimit !== null && pyLt(this.budgetLimit, insuranceCost)) return fail("Exceeded budget limit");
    if (!pyContains(this.bookingRecord, bookingId)) return fail("Booking not found");
    if (!pyContains(this.creditCardList, cardId)) return fail("Credit card not registered");
    const card = item(this.creditCardList, cardId);
    dictOf(card, "__setitem__").set("balance", pySub(item(card, "balance"), insuranceCost, "-="));
    return PyDict.fromRecord({ insurance_id: this.random.randint(100000000n, 999999999n).toString(), insurance_status: true });
  }

  contactCustomerSupport(bookingId: PyValue): PyValue {
    if (!pyContains(this.bookingRecord, bookingId)) return PyDict.fromRecord({ error: "Booking not found" });
    return PyDict.fromRecord({ customer_support_message: SUPPORT_REPLY });
  }

  protected defineMethods(): Record<string, ApiMethod<TravelAPI>> {
    const method = (parameters: ApiMethod<TravelAPI>["parameters"], invoke: ApiMethod<TravelAPI>["invoke"]): ApiMethod<TravelAPI> => ({ parameters, invoke });
    const arg = (args: PyValue[], index: number): PyValue => args[index] as PyValue;
    const names = (...list: string[]) => list.map(required);
    return {
      authenticate_travel: method(names("client_id", "client_secret", "refresh_token", "grant_type", "user_first_name", "user_last_name"), (self, a) =>
        self.authenticateTravel(arg(a, 3), arg(a, 4), arg(a, 5)),
      ),
      travel_get_login_status: method([], (self) => self.travelGetLoginStatus()),
      get_budget_fiscal_year: method([optional("lastModifiedAfter", null), optional("includeRemoved", null)], () =>
        PyDict.fromRecord({ budget_fiscal_year: "2018" }),
      ),
      register_credit_card: method(names("access_token", "card_number", "expiration_date", "cardholder_name", "card_verification_number"), (self, a) =>
        self.registerCreditCard(arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3), arg(a, 4)),
      ),
      get_flight_cost: method(names("travel_from", "travel_to", "travel_date", "travel_class"), (self, a) => self.getFlightCost(arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3))),
      get_credit_card_balance: method(names("access_token", "card_id"), (self, a) => self.getCreditCardBalance(arg(a, 0), arg(a, 1))),
      book_flight: method(names("access_token", "card_id", "travel_date", "travel_from", "travel_to", "travel_class"), (self, a) =>
        self.bookFlight(arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3), arg(a, 4), arg(a, 5)),
      ),
      retrieve_invoice: method([required("access_token"), optional("booking_id", null), optional("insurance_id", null)], (self, a) =>
        self.retrieveInvoice(arg(a, 0), arg(a, 1)),
      ),
      get_booking_history: method(names("access_token"), (self, a) => self.getBookingHistory(arg(a, 0))),
      list_all_airports: method([], () => [...AIRPORTS]),
      cancel_booking: method(names("access_token", "booking_id"), (self, a) => self.cancelBooking(arg(a, 0), arg(a, 1))),
      compute_exchange_rate: method(names("base_currency", "target_currency", "value"), (self, a) => self.computeExchangeRate(arg(a, 0), arg(a, 1), arg(a, 2))),
      verify_traveler_information: method(names("first_name", "last_name", "date_of_birth", "passport_number"), (self, a) =>
        self.verifyTravelerInformation(arg(a, 0), arg(a, 1), arg(a, 2), arg(a, 3)),
      ),
      set_budget_limit: method(names("access_token", "budget_limit"), (self, a) => self.setBudgetLimit(arg(a, 0), arg(a, 1))),
      get_nearest_airport_by_city: method(names("location"), (self, a) => self.getNearestAirportByCity(arg(a, 0))),
      purchase_insurance: method(names("access_token", "insurance_type", "booking_id", "insurance_cost", "card_id"), (self, a) =>
        self.purchaseInsurance(arg(a, 0), arg(a, 2), arg(a, 3), arg(a, 4)),
      ),
      contact_customer_support: method(names("booking_id", "message"), (self, a) => self.contactCustomerSupport(arg(a, 0))),
      get_all_credit_cards: method([], (self) => PyDict.fromRecord({ credit_card_list: self.creditCardList })),
    };
  }
}
