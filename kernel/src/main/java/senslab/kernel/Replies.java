package senslab.kernel;

import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.history.HistoryEntry;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.reply.HistoryReply;
import org.dflib.jjava.jupyter.messages.reply.KernelInfoReply;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Replies whose base-library versions clients reject; these serialize as the messaging protocol says. */
final class Replies {

    private Replies() {
    }

    /** kernel_info_reply with the "status" field the protocol requires (the base class leaves it out). */
    static final class KernelInfo extends KernelInfoReply {
        @SuppressWarnings("unused")
        private final String status = "ok";

        KernelInfo(String implementation, String version, LanguageInfo language, String banner) {
            super(Header.PROTOCOL_VERISON, implementation, version, language, banner, List.of());
        }
    }

    /** A history_reply whose entries are [session, line, input] triples (the base class sends objects). */
    static final class HistoryTriples implements ContentType<HistoryTriples> {
        @SuppressWarnings({"unused", "FieldCanBeLocal"})
        private final String status = "ok";
        @SuppressWarnings("unused")
        private final List<List<Object>> history = new ArrayList<>();

        HistoryTriples(List<HistoryEntry> entries, boolean withOutput) {
            for (HistoryEntry e : entries) {
                Object input = withOutput ? Arrays.asList(e.getInput(), e.getOutput()) : e.getInput();
                history.add(Arrays.asList(e.getSession(), e.getCellNumber(), input));
            }
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public MessageType<HistoryTriples> getType() {
            return (MessageType) HistoryReply.MESSAGE_TYPE;
        }
    }
}
