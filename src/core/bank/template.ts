/**
 * The bank `frontline init` writes: valid as it stands, every item type once
 * (a written reply among them),
 * one case study and one short branching scenario, with comments that teach
 * the format. `schemaRef` is the modeline target, relative to the new file.
 */
export function bankTemplate(schemaRef: string): string {
  return `# yaml-language-server: $schema=${schemaRef}
#
# A starter question bank for frontline. The line above lets editors with the
# YAML language server (VS Code's YAML extension, Neovim, Helix...) complete
# fields and flag mistakes as you type. Check the bank with:
#
#   frontline validate <this file>
#
# Try it as a candidate with \`frontline preview <this file>\`.
# Reference: docs/bank-format.md.

id: my-first-bank          # lowercase letters, digits, "-", "_" or "."; goes into every certificate
version: 1.0.0             # raise it when you change the content; the bank hash changes anyway
title: Handling customer contacts
description: A short check of listening, communication and ownership for new agents.
locale: en-GB              # BCP 47 tag; default "en"
courseCode: CS-START-101   # optional: the code your LMS or HR system knows this course by

# What the bank certifies. Every item counts toward one competency; results and
# training recommendations are reported per competency.
competencies:
  - id: listening
    title: Understanding the customer
    description: Finds the real need behind the request.
    weight: 1              # share of the overall score (default 1)
    floor: 50              # percent needed in this competency to pass, whatever the total (default 0)
    modules:               # training suggested when this competency is missed
      - { id: CS-110, title: Active listening, durationMinutes: 30 }
  - id: ownership
    title: Owning the contact
    description: Keeps promises, protects data and escalates within authority.
    weight: 1.5
    floor: 60
    modules:
      - { id: CS-130, title: Data protection in practice, durationMinutes: 45 }

policy:
  timeLimitMinutes: 15       # for the whole attempt
  itemTimeLimitSeconds: 180  # optional handle-time limit per item; an item may override it
  onExpiry: submit           # submit | grace (then set graceSeconds)
  passMark: 70               # overall percent to pass
  draws:                     # optional: how many items each form draws per competency
    listening: 2             # 2 of the 3 listening items; a competency not listed contributes all its items
  shuffle: { items: true, options: true }   # options with pinned: true keep their place
  navigation: { back: true, flag: true, review: true }
  feedback: full             # none | competency | full (full shows answers: use it for practice)
  attempts: { max: 3, cooldownHours: 24 }
  certificate: { validityMonths: 12 }

# Case studies: one customer contact shared by several items (set \`case:\` on the item).
cases:
  - id: late-parcel
    title: Chat about a late parcel
    channel: chat            # chat | email | phone | ticket | social
    meta: { Order: "#48213", Plan: Premium }   # ticket fields shown above the contact
    transcript:
      - { speaker: customer, name: Dana, at: "09:02", text: "My parcel was due Tuesday. It's Friday and nobody has told me anything." }
      - { speaker: agent, name: Sam, at: "09:03", text: "I'm sorry about that, Dana. Let me look at the order." }

items:
  # single: one right option. \`answer\` is an option id.
  - id: lis-001
    type: single
    competency: listening
    case: late-parcel
    stem: What does Dana most need from Sam right now?
    options:
      - { id: a, text: A refund of the delivery charge, feedback: "She may want this later, but she has not asked for it." }
      - { id: b, text: A clear answer on where the parcel is and when it will arrive }
      - { id: c, text: An explanation of how the courier network works }
      - { id: d, text: None of these, pinned: true }   # pinned: stays last when options are shuffled
    answer: b
    explanation: She is anchored on the missed date and the silence; certainty about delivery addresses both.

  # multiple: select all that apply. Scored partially by default:
  # hits/k - false picks/(n-k), so ticking everything earns nothing.
  - id: lis-002
    type: multiple
    competency: listening
    case: late-parcel
    stem: Which details in Dana's message tell you how she feels? Select all that apply.
    options:
      - { id: a, text: '"It''s Friday"' }
      - { id: b, text: '"nobody has told me anything"' }
      - { id: c, text: The order number }
      - { id: d, text: Her Premium plan }
    answer: [a, b]
    scoring: { mode: partial, negative: false }   # or mode: all-or-nothing; negative lets wrong picks cost marks
    explanation: The days counted and the complaint about silence carry the frustration; the order data does not.

  # true-false: \`answer\` is true or false; feedback may be given per choice.
  - id: lis-003
    type: true-false
    competency: listening
    stem: Repeating the customer's problem back in your own words wastes time on a chat.
    answer: false
    feedback:
      true: It takes seconds and saves the minutes a misunderstanding costs.
    explanation: A one-line summary confirms you understood and shows the customer they were heard.

  # ordering: \`answer\` lists every option id once, in the right order.
  - id: own-001
    type: ordering
    competency: ownership
    stem: Put these steps for a caller asking about their account in order.
    options:
      - { id: verify, text: Verify the caller's identity }
      - { id: listen, text: Let the caller explain the problem }
      - { id: act, text: Make the change on the account }
      - { id: confirm, text: Confirm what was done and what happens next }
    answer: [listen, verify, act, confirm]
    scoring: { mode: partial }   # partial: share of pairs in the right order; or all-or-nothing
    explanation: Listen first so the check fits the request; never change an account before verifying.

  # rating (situational judgement): rate each response on the scale; \`key\` is the expert rating.
  - id: own-002
    type: rating
    competency: ownership
    stem: A customer asks you to "just quickly" read out the card number on their account. Rate each reply.
    scale: { min: 1, max: 5, labels: { "1": Very poor, "5": Very good } }
    options:
      - { id: a, text: "I can't read card numbers out, but I can confirm the last four digits once you've passed security.", key: 5 }
      - { id: b, text: "Sure, it's 4929...", key: 1, feedback: Never disclose full card numbers. }
      - { id: c, text: "You'd have to ask your bank for that; they issued the card, so they can tell you.", key: 2 }
    explanation: Refuse the unsafe request, say what you can do instead, and keep security checks in place.

  # scenario: a branching conversation. Each choice may score points toward any
  # competency and leads to a \`next\` step; a step without choices ends it, and
  # so does a choice without \`next\`. Every step must be reachable and no path may loop.
  - id: own-003
    type: scenario
    competency: ownership
    stem: A caller says they were charged twice this month.
    timeLimitSeconds: 240      # overrides policy.itemTimeLimitSeconds for this item
    start: s1
    steps:
      - id: s1
        customer: "You've charged me twice this month and I want it fixed now."
        choices:
          - { id: a, text: "I'm sorry. Let me check both charges with you now.", points: { ownership: 2, listening: 1 }, next: s2 }
          - { id: b, text: "Charges can take a few days to clear.", next: s3, feedback: Dismissive before checking anything. }
          - id: c
            text: "Read me your full card number so I can find it."
            redFlag: Asked for full card details over the phone   # choosing a redFlag fails the attempt
      - id: s2
        customer: "Thank you. It's the 12th and the 13th."
        choices:
          - { id: a, text: "I can see both. I'll refund the 13th now; it shows in 3-5 working days.", points: { ownership: 2 }, next: resolved }
          - { id: b, text: "I'll pass this to billing and they'll be in touch.", points: { ownership: 1 }, next: handed-off }
      - id: s3
        customer: "That's not good enough. I want to speak to a manager."
        outcome: Escalated after a dismissive first reply
      - id: resolved
        customer: "Great, thanks for sorting that out."
        outcome: Resolved on first contact
      - id: handed-off
        customer: "Fine. I hope they actually call."
        outcome: Handed off without a commitment
    explanation: Acknowledge, check the facts with the customer, then fix it within your authority and say when it lands.

  # written: the agent writes the reply (channel: chat or email); a trainer marks it
  # later with \`frontline mark\` against the rubric, and until then the attempt is
  # awaiting marking. Each criterion counts toward a competency; its levels go up in
  # points, each with a descriptor a marker can apply. modelAnswer is for markers only.
  - id: own-004
    type: written
    competency: ownership
    case: late-parcel
    stem: >-
      You have checked Dana's order: the courier lost the parcel on Tuesday. You can send a
      replacement today by next-day delivery. Write your next chat message to her.
    channel: chat
    words: { min: 25, max: 80 }
    timeLimitSeconds: 360      # writing takes longer than choosing
    explanation: Own what went wrong in her words, act within your authority, and give a day she can check.
    modelAnswer: >-
      Dana, I'm sorry: the courier lost your parcel on Tuesday and nobody told you. I've sent a
      replacement today by next-day delivery, so it arrives tomorrow, and you'll get a tracking
      email within the hour. Is the delivery address on your order still right?
    rubric:
      - id: acknowledge
        criterion: Acknowledges what went wrong for Dana
        competency: listening
        levels:
          - { points: 0, descriptor: 'No apology, or a stock line ("sorry for any inconvenience")' }
          - { points: 1, descriptor: "Names the lost parcel or the days without news, not both" }
          - { points: 2, descriptor: "Names the lost parcel and the days without news, and owns them" }
      - id: resolve
        criterion: Fixes it within authority and says when
        competency: ownership
        levels:
          - { points: 0, descriptor: "No replacement, or only a promise to look into it" }
          - { points: 1, descriptor: "Sends the replacement but gives no day it arrives" }
          - { points: 2, descriptor: "Sends the replacement today and says it arrives tomorrow, with how she can track it" }
`;
}
