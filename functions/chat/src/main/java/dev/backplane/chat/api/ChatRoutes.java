package dev.backplane.chat.api;

import dev.backplane.chat.domain.ChatMessage;
import dev.backplane.chat.domain.ChatService;
import dev.backplane.chat.domain.ChatStore;
import dev.backplane.chat.domain.InsufficientCreditsException;
import dev.backplane.chat.domain.MessageBlockedException;
import dev.backplane.core.error.TooManyRequestsException;
import dev.backplane.core.http.ApiRequest;
import dev.backplane.core.http.ApiResponse;
import dev.backplane.core.http.HttpProblemException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Thin handlers: parse → caller → chat service → view; chat's own refusals become 402 / 422 / 429 problems. */
public final class ChatRoutes {
    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;
    private final ChatService chat;
    private final Clock clock;

    public ChatRoutes(ChatService chat, Clock clock) {
        this.chat = chat;
        this.clock = clock;
    }

    public ApiResponse startConversation(ApiRequest request) {
        var conversation = chat.start(request.requireCaller(), request.body(ChatService.NewConversation.class), request.trace());
        return ApiResponse.created("/conversations/" + conversation.id(), Views.conversation(conversation));
    }

    public ApiResponse listConversations(ApiRequest request) {
        return ApiResponse.ok(Views.page(chat.list(request.requireCaller(), request.queryInt("limit", DEFAULT_PAGE, 1, MAX_PAGE),
            request.query("cursor").orElse(null)), Views::conversation));
    }

    public ApiResponse listMessages(ApiRequest request) {
        return ApiResponse.ok(Views.page(chat.messages(request.requireCaller(), request.pathParameter("id"),
            request.queryInt("limit", 50, 1, MAX_PAGE), request.query("cursor").orElse(null)), Views::message));
    }

    public ApiResponse deleteConversation(ApiRequest request) {
        chat.delete(request.requireCaller(), request.pathParameter("id"), request.trace());
        return new ApiResponse(204, Map.of(), null);
    }

    /** 202: the reply streams on the socket topic {@code conversation:{id}} and is stored as {@code <messageId>-r}. */
    public ApiResponse postMessage(ApiRequest request) {
        var caller = request.requireCaller();
        String conversationId = request.pathParameter("id");
        try {
            ChatMessage message = chat.post(caller, conversationId, request.body(ChatService.NewMessage.class), request.trace());
            return ApiResponse.accepted(Map.of("messageId", message.id(), "replyId", ChatMessage.replyIdOf(message.id()),
                "conversationId", conversationId, "topic", "conversation:" + conversationId));
        } catch (ChatStore.QuotaExceededException e) {
            long seconds = Math.max(1, Duration.between(clock.instant(), chat.resetsAt()).toSeconds());
            throw new TooManyRequestsException("quota-exceeded", "today's assistant quota is used up; it resets at " + chat.resetsAt(), seconds);
        } catch (InsufficientCreditsException e) {
            throw new HttpProblemException(402, "insufficient-credits", "Insufficient credits", e.getMessage());
        } catch (MessageBlockedException e) {
            throw new HttpProblemException(422, "message-blocked", "Message blocked",
                "message " + e.messageId() + " was not sent to the assistant: " + e.getMessage());
        }
    }

    public ApiResponse usage(ApiRequest request) { return ApiResponse.ok(chat.usage(request.requireCaller())); }

    public ApiResponse abuse(ApiRequest request) {
        return ApiResponse.ok(Map.of("items", chat.flagged(request.requireCaller(), request.queryInt("limit", DEFAULT_PAGE, 1, MAX_PAGE))));
    }
}
