# The plan's load test (docs: poc-implementation-plan.md, "Day 3-5: Performance & Load Testing"),
# run unchanged but for the token: the plan signs in with Cognito, MCC takes an API token from
# MCC_LOAD_TOKEN. The host is locust's --host. benchmarks/load.py runs it; by hand:
#   MCC_LOAD_TOKEN=mcc_... locust -f tests/load/locustfile.py --host http://127.0.0.1:8000
# tests/load/locustfile.py
from locust import HttpUser, task, between
import json
import os
import uuid

class ChatUser(HttpUser):
    """Simulated user interacting with chat interface."""

    wait_time = between(1, 5)

    def on_start(self):
        """Authenticate user."""
        # Get Cognito token
        self.token = self._get_auth_token()
        self.conversation_id = None

    def _get_auth_token(self):
        # MCC: an API token (`mcc tokens create`), given by benchmarks/load.py or by hand.
        return os.environ["MCC_LOAD_TOKEN"]

    @task(3)
    def send_chat_message(self):
        """Send a message to the agent."""
        messages = [
            "What are the steps for creating a Tier 2 campaign?",
            "Help me plan an email campaign",
            "What's the checklist for launching a campaign?",
        ]

        payload = {
            "query": """
                mutation SendMessage($conversationId: ID, $message: String!) {
                    sendAgentMessage(conversationId: $conversationId, message: $message) {
                        conversationId
                        content
                    }
                }
            """,
            "variables": {
                "conversationId": self.conversation_id,
                "message": messages[hash(str(uuid.uuid4())) % len(messages)]
            }
        }

        headers = {
            "Authorization": f"Bearer {self.token}",
            "Content-Type": "application/json"
        }

        with self.client.post(
            "/graphql",
            json=payload,
            headers=headers,
            catch_response=True
        ) as response:
            if response.status_code == 200:
                data = response.json()
                if 'errors' in data:
                    response.failure(f"GraphQL error: {data['errors']}")
                else:
                    self.conversation_id = data['data']['sendAgentMessage']['conversationId']
                    response.success()
            else:
                response.failure(f"HTTP {response.status_code}")

    @task(1)
    def list_campaigns(self):
        """Load campaign dashboard."""
        payload = {
            "query": """
                query ListCampaigns {
                    listCampaigns(limit: 50) {
                        items {
                            campaignId
                            name
                            status
                        }
                    }
                }
            """
        }

        headers = {
            "Authorization": f"Bearer {self.token}",
            "Content-Type": "application/json"
        }

        self.client.post("/graphql", json=payload, headers=headers)
