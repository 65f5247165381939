// Tests the evaluator for AgentDojo's ground-truth argument expressions.
import { describe, expect, it } from "vitest";
import { evaluatePythonArgs, PythonArgsError } from "./python-args.js";

const scope = {
  constants: { _ATTACKER_IBAN: "US13", NEW_PASSWORD: "pw" },
  helpers: { find_phone: (env: unknown) => (env as { phone: string | null }).phone },
  environment: { phone: null, bank_account: { scheduled_transactions: [{ id: 6 }, { id: 7 }] } },
};

describe("evaluatePythonArgs", () => {
  it("reads literals, escapes, constants and arithmetic", () => {
    expect(evaluatePythonArgs("{'recipient': self._ATTACKER_IBAN, 'amount': 1000 * 0.195 + 5.29, 'subject': 'Car\\t98', 'recurring': True, 'x': None}", scope)).toEqual({
      recipient: "US13",
      amount: 1000 * 0.195 + 5.29,
      subject: "Car\t98",
      recurring: true,
      x: null,
    });
  });

  it("calls helpers with `or` fallbacks and looks into the environment", () => {
    expect(evaluatePythonArgs("{'subject': 'The user has a ' + (self.find_phone(pre_environment) or ''), 'id': pre_environment.bank_account.scheduled_transactions[0].id, 'to': [\"a\", 'b']}", scope)).toEqual({
      subject: "The user has a ",
      id: 6,
      to: ["a", "b"],
    });
  });

  it("fills f-strings and str.format, and reads bare locals from constants or environment-deriving helpers", () => {
    const withLocals = {
      constants: { COMPANY_URL: "www.our-company.com", TEMPLATE: "Congrats on being the {k}-th most active user!", msg: "Check out this link" },
      helpers: { first_id: (env: unknown) => (env as { ids: number[] }).ids[0] },
      environment: { ids: [7, 8] },
    };
    expect(evaluatePythonArgs("{'url': f'{self.COMPANY_URL}', 'x': f\"id={first_id} {{literal}}\" 'tail', 'body': self.TEMPLATE.format(k=1), 'p': '{}-{}'.format(2, True), 'm': msg}", withLocals)).toEqual({
      url: "www.our-company.com",
      x: "id=7 {literal}tail",
      body: "Congrats on being the 1-th most active user!",
      p: "2-True",
      m: "Check out this link",
    });
    expect(() => evaluatePythonArgs("{'a': unknown_local}", withLocals)).toThrow(/unknown name 'unknown_local'/);
    expect(() => evaluatePythonArgs("{'a': self.COMPANY_URL.upper()}", withLocals)).toThrow(/unsupported method call \.upper/);
  });

  it("joins lists with str.join and applies argument-less methods through the port's helpers", () => {
    const withMethods = {
      constants: { _LIST: ["Swimwear", "Camera"], SharingPermission: { r: "r" } },
      helpers: { isoformat: (date: unknown) => String(date), _get_next_id: (store: unknown) => String(Object.keys((store as { files: object }).files).length) },
      environment: { calendar: { current_day: "2024-05-15" }, cloud_drive: { files: { a: 1, b: 2 } } },
    };
    expect(evaluatePythonArgs("{'content': '\\n- '.join(self._LIST), 'day': pre_environment.calendar.current_day.isoformat(), 'id': pre_environment.cloud_drive._get_next_id(), 'p': SharingPermission.r}", withMethods)).toEqual({
      content: "Swimwear\n- Camera",
      day: "2024-05-15",
      id: "2",
      p: "r",
    });
    expect(() => evaluatePythonArgs("{'a': pre_environment.calendar.current_day.strftime()}", withMethods)).toThrow(/unsupported method call \.strftime/);
    expect(() => evaluatePythonArgs("{'a': pre_environment.calendar.current_day.isoformat(1)}", withMethods)).toThrow(/unsupported method call \.isoformat/);
  });

  it("evaluates list comprehensions with filters, comparisons, `and`, `not` and `in`", () => {
    const hotels = { hotels: [{ name: "A", city: "Paris", price: 120 }, { name: "B", city: "London", price: 90 }, { name: "C", city: "Paris", price: 300 }] };
    const local = { constants: { cheap: 200 }, environment: hotels };
    expect(evaluatePythonArgs("{'n': [h.name for h in pre_environment.hotels if h.city == 'Paris' and h.price < self.cheap]}", local)).toEqual({ n: ["A"] });
    expect(evaluatePythonArgs("{'n': [h.name for h in pre_environment.hotels if not 'Par' in h.city if h.price >= 90]}", local)).toEqual({ n: ["B"] });
    expect(evaluatePythonArgs("{'n': [[h.price, h.name != 'C'] for h in pre_environment.hotels if h.name not in ['A', 'B']]}", local)).toEqual({ n: [[300, false]] });
    expect(() => evaluatePythonArgs("{'n': 'x' < 1}", local)).toThrow("TypeError: '<' not supported between instances of 'str' and");
  });

  it("derives a function-valued constant from the environment, so a task can scope a local of its own", () => {
    const scoped = { constants: { top: (env: unknown) => (env as { best: string[] }).best }, environment: { best: ["X", "Y"] } };
    expect(evaluatePythonArgs("{'name': top[0], 'all': [n for n in top if n != 'X']}", scoped)).toEqual({ name: "X", all: ["Y"] });
  });

  it("names the expression when it meets something it does not know", () => {
    expect(() => evaluatePythonArgs("{'p': self._UNKNOWN}", scope)).toThrow(PythonArgsError);
    expect(() => evaluatePythonArgs("{'p': self._UNKNOWN}", scope)).toThrow(/self\._UNKNOWN.*hand-translate/);
  });
});
