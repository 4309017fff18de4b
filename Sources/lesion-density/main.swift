print("lesion-density")
