"""What the language stage knows: marker words of each language and the detector backends."""
