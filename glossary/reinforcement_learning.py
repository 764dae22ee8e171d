"""Reinforcement learning trains an agent by trial and error: it acts, receives rewards, and
learns a policy that maximises the total reward it can expect, without ever being shown the
correct action. Deep reinforcement learning uses neural networks to read raw inputs such as
screen pixels.

## Intuition
Think of teaching a dog with treats. Nobody demonstrates the trick; the dog tries things and
learns which ones pay. Three things set this apart from supervised learning. The feedback is a
score, not an answer. It is often delayed: a chess move may only prove good forty moves later, so
the learner must work out which earlier actions deserve the credit. And the agent's own choices
decide what data it sees, so it must balance exploring new actions against exploiting the ones
it already trusts.

Milestones: TD-Gammon (Tesauro, early 1990s) learned backgammon close to expert level by playing
itself with a small neural network. DQN (Mnih et al., 2015) used one ConvNet architecture and one
set of settings to learn 49 Atari 2600 games from the pixels and the score alone, reaching the
level of a professional games tester on many of them. AlphaGo (Silver et al., 2016) combined deep
networks, self-play and tree search to beat the European Go champion in 2015 and Lee Sedol in
2016. LeCun, Bengio and Hinton also mention reinforcement learning teaching a vision system where
to look next.

## The math
At step t the agent sees state sₜ, picks action aₜ from its policy π(a | sₜ) and receives reward
rₜ₊₁. It wants to maximise the discounted return

    Gₜ = rₜ₊₁ + γ rₜ₊₂ + γ² rₜ₊₃ + …,    0 ≤ γ < 1.

Example: γ = 0.9 and rewards 0, 0, 1 give Gₜ = 0.81: later rewards count for less.

Q-learning estimates Q(s, a), the return expected after taking a in s and acting well afterwards,
and after each step moves it towards a better target:

    Q(s, a) ← Q(s, a) + α [ r + γ maxₐ′ Q(s′, a′) − Q(s, a) ]

DQN makes Q a ConvNet over the last four 84×84 frames and trains it by gradient descent on the
squared bracket, replaying stored past transitions and using a periodically frozen copy of the
network for the target.

## Picture
```text
               action aₜ
   agent ───────────────────► environment
     ▲                             │
     └─── state sₜ₊₁, reward rₜ₊₁ ──┘
```

## See also
- **supervised-learning**: learning from answers instead of rewards
- **unsupervised-learning**: learning with no feedback at all
- **cnn**: the network DQN uses to read the screen
- **attention**: choosing where to look, trained with rewards
- **deep-learning**: what deep reinforcement learning adds to RL

## Sources
- [lecun2015] — reinforcement learning to decide where to look
- [sutton2018]
- [watkins1992]
- [tesauro1995]
- [mnih2015]
- [silver2016]
"""

TITLE = "Reinforcement learning"
ALIASES = (
    "rl",
    "deep reinforcement learning",
    "reward",
    "policy",
    "q-learning",
    "deep q-network",
    "dqn",
    "agent",
    "temporal difference learning",
    "td learning",
)

PREREQUISITES = ("supervised-learning",)

RECALL = (
    {
        "question": "With discount γ = 0.9, an agent's next three rewards are 0, 0 and 1. What return does it get?",
        "options": {"A": "0.81", "B": "1", "C": "0.9", "D": "0.729"},
        "answer": "A",
        "why": "Example: γ = 0.9 and rewards 0, 0, 1 give Gₜ = 0.81: later rewards count for less.",
    },
    {
        "question": "What does an agent learning by trial and error get instead of the correct action?",
        "options": {
            "A": "A score, often only after a delay",
            "B": "The correct action, but only every few steps",
            "C": "Nothing at all, as in unsupervised learning",
            "D": "A ranking of all possible actions",
        },
        "answer": "A",
        "why": "The feedback is a score, not an answer. It is often delayed",
    },
)
