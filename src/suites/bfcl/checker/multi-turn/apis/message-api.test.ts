// MessageAPI: login, seeded message ids, the inbox and its reverse-search delete.
import { describe, expect, it } from "vitest";
import { apiHarness } from "../test-support/api-harness.js";

describe("MessageAPI", () => {
  it("requires a login, then sends with the seeded id and counts the message", () => {
    const { run, api } = apiHarness(["MessageAPI"]);
    expect(run("send_message(receiver_id='USR002', message='hi')", "message_login(user_id='USR404')", "message_login(user_id='USR001')", "send_message(receiver_id='USR002', message='hi')", "send_message(receiver_id='USR999', message='x')")).toEqual([
      '{"error": "No user is currently logged in."}',
      '{"login_status": false, "message": "User ID \'USR404\' not found."}',
      '{"login_status": true, "message": "User \'USR001\' logged in successfully."}',
      '{"sent_status": true, "message_id": {"new_id": 67410}, "message": "Message sent to \'USR002\' successfully."}',
      '{"error": "Receiver ID \'USR999\' not found."}',
    ]);
    const state = Object.fromEntries(api("MessageAPI").publicState());
    expect(state.message_count).toBe(4n);
    expect(run("get_message_stats()")).toEqual(['{"stats": {"received_count": 4, "total_contacts": 3}}']);
  });

  it("groups sent messages, searches case-insensitively and deletes the latest to a receiver", () => {
    const { run } = apiHarness(["MessageAPI"], JSON.stringify({ MessageAPI: { current_user: "USR001" } }));
    expect(run("view_messages_sent()", "search_messages(keyword='UPLOAD')")).toEqual([
      '{"messages": {"USR002": ["My name is Alice. I want to connect."], "USR003": ["Could you upload the file?"], "USR004": ["Could you upload the file?"]}}',
      '{"results": [{"receiver_id": "USR003", "message": "Could you upload the file?"}, {"receiver_id": "USR004", "message": "Could you upload the file?"}]}',
    ]);
    expect(run("delete_message(receiver_id='USR003')", "delete_message(receiver_id='USR003')")).toEqual([
      '{"deleted_status": true, "receiver_id": "USR003", "message": "Receiver USR003\'s latest message deleted successfully."}',
      '{"error": "Receiver ID USR003 not found."}',
    ]);
  });

  it("adds contacts with zero-padded ids and looks users up", () => {
    const { run } = apiHarness(["MessageAPI"]);
    expect(run("add_contact(user_name='Kelly')", "add_contact(user_name='Kelly')", "get_user_id(user='Kelly')", "list_users()", "get_user_id(user_identifier='Bob')")).toEqual([
      '{"added_status": true, "user_id": "USR005", "message": "Contact \'Kelly\' added successfully."}',
      '{"error": "User name \'Kelly\' already exists."}',
      '{"user_id": "USR005"}',
      '{"user_list": ["Alice", "Bob", "Catherine", "Daniel", "Kelly"]}',
      "Error during execution: MessageAPI.get_user_id() got an unexpected keyword argument 'user_identifier'",
    ]);
  });
});
