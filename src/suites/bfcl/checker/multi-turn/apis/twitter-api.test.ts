// TwitterAPI: authentication, int tweet ids, retweets, comments, mentions and post_tweet's shared defaults.
import { describe, expect, it } from "vitest";
import { ReferenceRuntime } from "../reference-runtime.js";
import { apiHarness } from "../test-support/api-harness.js";

const CONFIG = JSON.stringify({
  TwitterAPI: {
    username: "tech_guru",
    password: "pw",
    tweets: { "0": { id: 0, username: "tech_guru", content: "Hello world", tags: ["#Intro"], mentions: [] } },
    tweet_counter: 1,
  },
});

describe("TwitterAPI", () => {
  it("posts only after authenticating and keys loaded tweets by int id", () => {
    const { run } = apiHarness(["TwitterAPI"], CONFIG);
    expect(run("post_tweet(content='x')", "authenticate_twitter(username='tech_guru', password='bad')", "authenticate_twitter(username='tech_guru', password='pw')", "post_tweet(content='Second', tags=['#a'])")).toEqual([
      '{"error": "User not authenticated. Please authenticate before posting."}',
      '{"authentication_status": false}',
      '{"authentication_status": true}',
      '{"id": 1, "username": "tech_guru", "content": "Second", "tags": ["#a"], "mentions": []}',
    ]);
    expect(run("retweet(tweet_id=0)", "retweet(tweet_id=0)", "retweet(tweet_id='0')", "get_tweet(tweet_id=5)")).toEqual([
      '{"retweet_status": "Successfully retweeted"}',
      '{"retweet_status": "Already retweeted"}',
      '{"error": "Tweet with ID 0 not found."}',
      '{"error": "Tweet with ID 5 not found."}',
    ]);
    expect(run("comment(tweet_id=0, comment_content='Nice')", "get_tweet_comments(tweet_id=0)", "get_user_stats(username='tech_guru')", "search_tweets(keyword='#INTRO')")).toEqual([
      '{"comment_status": "Comment added successfully"}',
      "[{'username': 'tech_guru', 'content': 'Nice'}]",
      '{"tweet_count": 2, "following_count": 2, "retweet_count": 1}',
      "[{'id': 0, 'username': 'tech_guru', 'content': 'Hello world', 'tags': ['#Intro'], 'mentions': []}]",
    ]);
  });

  it("lets a mention on a tweet posted without mentions leak into later tweets of the same process", () => {
    const runtime = new ReferenceRuntime();
    const first = apiHarness(["TwitterAPI"], CONFIG, { runtime });
    first.run("authenticate_twitter(username='tech_guru', password='pw')", "post_tweet(content='a')", "mention(tweet_id=1, mentioned_usernames=['@bob'])");
    const second = apiHarness(["TwitterAPI"], CONFIG, { runtime });
    expect(second.run("authenticate_twitter(username='tech_guru', password='pw')", "post_tweet(content='b')")[1]).toBe(
      '{"id": 1, "username": "tech_guru", "content": "b", "tags": [], "mentions": ["@bob"]}',
    );
    expect(apiHarness(["TwitterAPI"], CONFIG).run("authenticate_twitter(username='tech_guru', password='pw')", "post_tweet(content='c')")[1]).toContain('"mentions": []');
  });

  it("follows and unfollows", () => {
    const { run } = apiHarness(["TwitterAPI"], CONFIG);
    expect(run("authenticate_twitter(username='tech_guru', password='pw')", "follow_user(username_to_follow='carol')", "follow_user(username_to_follow='carol')", "unfollow_user(username_to_unfollow='alice')", "list_all_following()")).toEqual([
      '{"authentication_status": true}',
      '{"follow_status": true}',
      '{"follow_status": false}',
      '{"unfollow_status": true}',
      '{"following_list": ["bob", "carol"]}',
    ]);
  });
});
