package dev.warden.instrumentation.netty;

import net.bytebuddy.asm.Advice;

/** Inlined at the end of DefaultChannelPipeline's add and replace methods: all the work is in {@link PipelineHook}. */
public final class PipelineAdvice {

    private PipelineAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    public static void exit(@Advice.This io.netty.channel.ChannelPipeline pipeline, @Advice.AllArguments Object[] args) {
        PipelineHook.added(pipeline, args);
    }
}
