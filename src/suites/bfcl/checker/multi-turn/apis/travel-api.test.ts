// TravelAPI: token auth, seeded ids, flight pricing, booking against card balance and budget, cancellation.
import { describe, expect, it } from "vitest";
import { apiHarness } from "../test-support/api-harness.js";

const CONFIG = JSON.stringify({
  TravelAPI: {
    credit_card_list: { card_1: { card_number: "4111", expiration_date: "12/30", cardholder_name: "Ann Lee", card_verification_number: 123, balance: 1000.0 } },
    booking_record: {},
    access_token: "tok",
    token_expires_in: 2,
    user_first_name: "Ann",
    user_last_name: "Lee",
  },
});

describe("TravelAPI", () => {
  it("authenticates with a seeded token and registers cards with seeded ids and balances", () => {
    const { run, api } = apiHarness(["TravelAPI"]);
    expect(run("register_credit_card(access_token='x', card_number='1', expiration_date='1', cardholder_name='A', card_verification_number=1)", "authenticate_travel(client_id='c', client_secret='s', refresh_token='r', grant_type='read_write', user_first_name='Ann', user_last_name='Lee')", "register_credit_card(access_token='251675', card_number='4111', expiration_date='12/30', cardholder_name='Ann', card_verification_number=123)", "travel_get_login_status()")).toEqual([
      '{"error": "Token not initialized"}',
      '{"expires_in": 2, "access_token": "251675", "token_type": "Bearer", "scope": "read_write"}',
      '{"card_id": "391310425148"}',
      '{"status": true}',
    ]);
    expect(run("get_all_credit_cards()")[0]).toBe(
      '{"credit_card_list": {"391310425148": {"card_number": "4111", "expiration_date": "12/30", "cardholder_name": "Ann", "card_verification_number": 123, "balance": 58617}}}',
    );
    expect(Object.fromEntries(api("TravelAPI").publicState()).user_first_name).toBe("Ann");
  });

  // An even digit sum doubles the fare: 2024-11-15 sums to 16, 2024-11-16 to 17.
  it("prices routes by class and the date's digit sum", () => {
    const { run } = apiHarness(["TravelAPI"], CONFIG);
    expect(run("get_flight_cost(travel_from='SFO', travel_to='LAX', travel_date='2024-11-15', travel_class='business')", "get_flight_cost(travel_from='SFO', travel_to='LAX', travel_date='2024-11-16', travel_class='first')", "get_flight_cost(travel_from='SFO', travel_to='XXX', travel_date='2024-11-15', travel_class='economy')")).toEqual([
      '{"travel_cost_list": [800.0]}',
      '{"travel_cost_list": [1000.0]}',
      "Error during execution: No available route for the given airports.",
    ]);
  });

  it("books against the card balance and the budget, then cancels and refunds", () => {
    const { run, api } = apiHarness(["TravelAPI"], CONFIG);
    expect(run("book_flight(access_token='tok', card_id='card_1', travel_date='2024-11-15', travel_from='SFO', travel_to='JFK', travel_class='first')", "set_budget_limit(access_token='tok', budget_limit=2000)", "book_flight(access_token='tok', card_id='card_1', travel_date='2024-11-15', travel_from='SFO', travel_to='LAX', travel_class='economy')", "set_budget_limit(access_token='tok', budget_limit=500)")).toEqual([
      '{"booking_status": false, "error": "Insufficient funds"}',
      '{"budget_limit": 2000.0}',
      '{"booking_status": false, "error": "Balance is less than budget limit"}',
      '{"budget_limit": 500.0}',
    ]);
    expect(run("book_flight(access_token='tok', card_id='card_1', travel_date='2024-11-15', travel_from='SFO', travel_to='LAX', travel_class='economy')")).toEqual([
      '{"booking_id": "3426812", "transaction_id": "45451592", "booking_status": true, "booking_history": {}}',
    ]);
    expect(run("retrieve_invoice(access_token='tok', booking_id='3426812')", "get_credit_card_balance(access_token='tok', card_id='card_1')", "cancel_booking(access_token='tok', booking_id='3426812')", "get_credit_card_balance(access_token='tok', card_id='card_1')")).toEqual([
      '{"invoice": {"booking_id": "3426812", "travel_date": "2024-11-15", "travel_from": "SFO", "travel_to": "LAX", "travel_class": "economy", "travel_cost": 400.0, "transaction_id": "45451592"}}',
      '{"card_balance": 600.0}',
      '{"cancel_status": true}',
      '{"card_balance": 1000.0}',
    ]);
    expect(Object.fromEntries(api("TravelAPI").publicState()).budget_limit).toBe(500);
  });

  it("exchanges currencies, verifies travelers and refuses a bad token", () => {
    const { run } = apiHarness(["TravelAPI"], CONFIG, { today: () => ({ year: 2025, month: 6, day: 1 }) });
    expect(run("compute_exchange_rate(base_currency='RMB', target_currency='USD', value=10000)", "compute_exchange_rate(base_currency='USD', target_currency='EUR', value=2800.0)", "verify_traveler_information(first_name='Ann', last_name='Lee', date_of_birth='2010-01-01', passport_number='US1')", "verify_traveler_information(first_name='Ann', last_name='Lee', date_of_birth='1968-03-23', passport_number='123456')", "cancel_booking(access_token='bad', booking_id='x')")).toEqual([
      '{"exchanged_value": 1428.57}',
      '{"exchanged_value": 2240.0}',
      '{"verification_status": false, "verification_failure": "Traveler must be at least 18 years old."}',
      '{"verification_status": false, "verification_failure": "Passport must be issued by the United States."}',
      '{"cancel_status": false, "error": "Invalid access token"}',
    ]);
  });
});
