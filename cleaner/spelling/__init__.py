"""What the spelling stage knows: each language's vocabulary and the words near an unknown one."""
