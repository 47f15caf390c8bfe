"""A random-weight Llama with a character vocabulary, saved as a transformers folder (for the local backend tests)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def build_tiny_llama(folder: Path, chars: Iterable[str], max_positions: int, seed: int) -> Path:
    """Write a 2-layer random Llama whose vocabulary is the given characters (plus specials) to ``folder``."""
    import torch
    from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers
    from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast

    symbols = ["[PAD]", "[UNK]", "<s>", "</s>", *sorted(set(chars) | set("\n "))]
    vocab = {token: i for i, token in enumerate(symbols)}
    tok = Tokenizer(models.WordLevel(vocab=vocab, unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Split(Regex("."), behavior="isolated")
    tok.decoder = decoders.Fuse()
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=tok, unk_token="[UNK]", pad_token="[PAD]", bos_token="<s>", eos_token="</s>"
    )
    config = LlamaConfig(
        vocab_size=len(vocab),
        hidden_size=32,
        intermediate_size=64,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=max_positions,
        pad_token_id=0,
        bos_token_id=2,
        eos_token_id=3,
    )
    torch.manual_seed(seed)
    LlamaForCausalLM(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder
